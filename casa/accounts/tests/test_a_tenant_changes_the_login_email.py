"""A tenant changes the e-mail address they log in with at /accounts/email/: only after typing
their password again and the code sent to the new address. Another account's address is
refused with a message, never a 500; staff addresses are managed by administrators."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from casa.accounts.models import User

PASSWORD = "test-pass-123"  # conftest.make_user's
NEW = "mario.rossi.nuovo@example.invalid"


@pytest.fixture
def tenant(make_user):
    return make_user("tenant", fiscal_code="RSSMRA80A01F205X", email="mario@example.invalid")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def ask_for(client, email):
    """Ask for `email` on the e-mail page, typing the password again when asked."""
    response = client.post(reverse("account_email"), {"action_add": "", "email": email})
    if response.status_code == 302 and response.url.startswith(
            reverse("account_reauthenticate")):
        response = client.post(response.url, {"password": PASSWORD})
    return response


def code_sent_to(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def logs_in(client, email, password=PASSWORD):
    client.logout()
    client.post(reverse("account_login"), {"login": email, "password": password})
    return "_auth_user_id" in client.session


def test_the_address_changes_after_the_password_and_the_code_sent_to_it(client, tenant):
    client.force_login(tenant)

    response = ask_for(client, NEW)
    assert response.url == reverse("account_email_verification_sent")
    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"  # not yet

    response = client.post(reverse("account_email_verification_sent"),
                           {"code": code_sent_to(NEW)})

    tenant.refresh_from_db()
    assert tenant.email == NEW
    told = [m for m in mail.outbox if m.to == ["mario@example.invalid"]]
    assert told and NEW in told[-1].body  # the old address is told
    assert logs_in(client, NEW)
    assert not logs_in(client, "mario@example.invalid")


def test_without_the_password_again_nothing_is_sent_nor_changed(client, tenant):
    client.force_login(tenant)

    response = client.post(reverse("account_email"), {"action_add": "", "email": NEW})

    assert response.url.startswith(reverse("account_reauthenticate"))
    assert mail.outbox == []
    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"


def test_an_address_not_confirmed_does_not_log_in_nor_receive_a_reset_link(client, tenant):
    client.force_login(tenant)
    ask_for(client, NEW)
    mail.outbox.clear()

    assert not logs_in(client, NEW)
    client.post(reverse("account_reset_password"), {"email": NEW})
    assert all("password/reset/key" not in m.body for m in mail.outbox)
    assert logs_in(client, "mario@example.invalid")


def test_a_wrong_code_changes_nothing(client, tenant):
    client.force_login(tenant)
    ask_for(client, NEW)

    client.post(reverse("account_email_verification_sent"), {"code": "AAAA-AAAA"})

    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"


@pytest.mark.parametrize("typed", ["officer@example.invalid", "Officer@Example.INVALID"])
def test_another_accounts_address_is_refused_with_a_clear_message(english, tenant, make_user,
                                                                  typed):
    make_user("benefit_officer", email="officer@example.invalid")
    english.force_login(tenant)

    response = ask_for(english, typed)

    assert response.status_code == 200
    assert ("This address belongs to another CASA account: choose another one. If it is yours, "
            "ask at your Spazio CASA.") in response.content.decode()
    assert mail.outbox == []
    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"


def test_making_any_address_primary_changes_nothing_and_never_fails(client, tenant, make_user):
    make_user("benefit_officer", email="officer@example.invalid")
    client.force_login(tenant)

    for email in ("officer@example.invalid", NEW, "mario@example.invalid", "not an address"):
        ask_for(client, email)  # refused, waiting for its code, or already the address
        response = client.post(reverse("account_email"), {"action_primary": "", "email": email})
        assert response.status_code == 302

    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"


def test_an_address_taken_by_another_account_before_the_code_is_refused(english, tenant,
                                                                        make_user):
    english.force_login(tenant)
    ask_for(english, NEW)
    make_user("benefit_officer", email=NEW)  # an administrator gives it to a colleague

    response = english.post(reverse("account_email_verification_sent"),
                            {"code": code_sent_to(NEW)}, follow=True)

    assert response.status_code == 200
    assert "A user is already registered with this email address." in (
        response.content.decode())
    tenant.refresh_from_db()
    assert tenant.email == "mario@example.invalid"
    assert User.objects.get(email=NEW).role == "benefit_officer"


@pytest.mark.parametrize("role", ["benefit_officer", "community_manager", "admin"])
def test_staff_are_told_that_administrators_manage_their_address(english, make_user, role):
    officer = make_user(role, email="officer@example.invalid")
    english.force_login(officer)

    page = english.get(reverse("account_email"))
    change = english.post(reverse("account_email"), {"action_add": "", "email": NEW})

    assert page.status_code == 403 and change.status_code == 403
    assert "Staff addresses are managed by the CASA administrators" in page.content.decode()
    officer.refresh_from_db()
    assert officer.email == "officer@example.invalid"
    assert mail.outbox == []
