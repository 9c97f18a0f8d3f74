"""An ISEE is read as people mean it (12000.50 is twelve thousand, never 1.200.050,00 €: the
reader itself is tried in both languages in casa/core/tests), read back on the check page
before anything is saved; one the register makes implausible must be confirmed; one that can
be read two ways shows both readings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from conftest import FISCAL_CODES

from .backoffice import give, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant(register, make_user, client):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.00", charge="900.00", on=today)
    user = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    login(client, user, language="en")
    return user


def check(client, value, **extra):
    today = timezone.localdate()
    return client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]), {
        "action": "check", "declarations": DECLARATION_CODES, "isee_kind": "corrente",
        "isee_value": value, "dsu_protocol": "INPS-ISEE-2025-00597381W-00",
        "isee_issued_on": (today - dt.timedelta(days=2)).isoformat(),
        "isee_valid_until": (today + dt.timedelta(days=150)).isoformat(), **extra})


@pytest.mark.parametrize("typed", ["12000.50", "12,000.50", "12000.5"])
def test_twelve_thousand_fifty_is_read_so_and_shown_back_before_saving(client, tenant, typed):
    page = check(client, typed).content.decode()

    assert "You have not sent anything yet." in page
    assert f"You wrote “{typed}”. We read 12,000.50\N{NO-BREAK SPACE}€." in page
    assert not Application.objects.exists()


def test_an_amount_the_register_makes_implausible_needs_a_confirmation(client, tenant):
    page = check(client, "1200050").content.decode()

    assert "We read 1,200,050.00\N{NO-BREAK SPACE}€" in page
    assert "much more than the ISEE we have on file (12,000.00\N{NO-BREAK SPACE}€)" in page
    assert "isee_value_confirmed" in page  # the box to keep it
    assert not Application.objects.exists()
    confirmed = check(client, "1200050", isee_value_confirmed="1200050.00").content.decode()
    assert "isee-read-as" in confirmed


def test_a_value_read_two_ways_shows_both_readings(client, tenant):
    page = check(client, "12.000").content.decode()  # in English: 12 € or twelve thousand?

    assert "12.00\N{NO-BREAK SPACE}€" in page and "12,000.00\N{NO-BREAK SPACE}€" in page
    assert not Application.objects.exists()


@pytest.mark.parametrize("typed", ["12000.50", "12000,50", "12.000,50"])
def test_in_italian_twelve_thousand_fifty_is_never_read_as_a_million(register, make_user,
                                                                     client, typed):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.00", charge="900.00", on=today)
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]), language="it")

    page = check(client, typed).content.decode()

    assert 'id="isee-read-as"' in page
    assert "12.000,50\N{NO-BREAK SPACE}€" in page
    assert "1.200.050" not in page
