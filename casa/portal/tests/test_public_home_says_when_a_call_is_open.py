"""The public home page says the energy contribution is open, until when and how to apply while
a call is open; it never says "soon" then; with no open call it names the next one, if any."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Call

HOME = reverse("portal:home")


def home(client):
    return client.get(HOME).content.decode()


@pytest.mark.django_db
def test_while_a_call_is_open_the_home_says_until_when_and_how_to_apply(client):
    call = create_demo_call(today=timezone.localdate())
    closes_at = timezone.localtime(call.closes_at)

    page = home(client)

    assert f"{call.title}: le domande sono aperte" in page
    assert f"Puoi fare domanda fino al {closes_at:%d/%m/%Y} alle {closes_at:%H:%M}" in page
    assert "accedi" in page and "Spazio CASA" in page
    assert "Presto" not in page


@pytest.mark.django_db
def test_with_no_call_the_home_does_not_say_one_is_open(client):
    page = home(client)

    assert "le domande sono aperte" not in page
    assert "Presto" not in page
    assert f'id="energy-call-{DEMO_CALL_CODE}"' not in page


@pytest.mark.django_db
def test_before_the_next_call_opens_the_home_gives_its_opening_date(client):
    call = create_demo_call(today=timezone.localdate())
    opens_at = timezone.now() + dt.timedelta(days=10)
    Call.objects.filter(pk=call.pk).update(opens_at=opens_at,
                                           closes_at=opens_at + dt.timedelta(days=30))

    page = home(client)

    assert "le domande sono aperte" not in page
    assert (f"{call.title}: le domande si apriranno il "
            f"{timezone.localtime(opens_at):%d/%m/%Y}") in page


@pytest.mark.django_db
def test_after_the_call_closes_the_home_no_longer_mentions_it(client):
    call = create_demo_call(today=timezone.localdate())
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))

    assert "le domande sono aperte" not in home(client)
