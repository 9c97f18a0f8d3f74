"""The login backends read the logged-in user with a query built once (casa/accounts/backends.py):
the same user, every field, as the ORM's `get`; nobody for an unknown id; and an inactive user
is still refused, as by Django's ModelBackend."""

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from casa.accounts.backends import ModelBackend, user_by_id
from casa.accounts.models import User

pytestmark = pytest.mark.django_db


def test_every_field_is_the_orms(make_user):
    user = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fast, orm = user_by_id(user.pk), User.objects.get(pk=user.pk)
    assert [getattr(fast, field.attname) for field in User._meta.concrete_fields] == [
        getattr(orm, field.attname) for field in User._meta.concrete_fields]
    assert fast._state.adding is False and fast._state.db == "default"


def test_an_unknown_id_is_nobody(make_user):
    user = make_user("tenant")
    assert user_by_id(user.pk + 1000) is None
    assert user_by_id(str(user.pk)) is None


def test_an_inactive_user_is_refused(make_user):
    user = make_user("benefit_officer")
    assert ModelBackend().get_user(user.pk) == user
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert ModelBackend().get_user(user.pk) is None


def test_a_deactivated_user_is_logged_out_on_their_next_request(make_user):
    user = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    client = Client()
    client.force_login(user)
    assert client.get(reverse("portal:my_home")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("portal:my_home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]

    class Request:
        session = client.session

    assert not get_user(Request()).is_authenticated
