"""A declared ISEE counts like one from the register, by the same rule: a corrente replaces the
ordinario, and of two of the same kind the one issued last counts. When the tenant sends one
the rule would set aside, the answer page (and the apply check page) says at once which one
counts and why, before anything is saved, and lets them correct it or send it anyway."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_request_information
from casa.energy.demo import DEMO_CALL_CODE
from casa.energy.models import ApplicationStatus, InformationAnswer
from casa.registry.models import HeatingCharge, IseeDeclaration
from conftest import FISCAL_CODES

from .backoffice import ON, login
from .fixtures import at_noon, demo_call

REGISTER_PROTOCOL = "INPS-ISEE-2025-00412345B-00"
DECLARED_PROTOCOL = "INPS-ISEE-2025-00597381W-00"
# The older ordinario the tenant sends: issued on 10 January, the register's on 1 February.
OLDER_ORDINARIO = {"isee_kind": "ordinario", "isee_value": "11,000.00",
                   "dsu_protocol": DECLARED_PROTOCOL, "isee_issued_on": "2025-01-10",
                   "isee_valid_until": "2025-12-31"}
NOT_USED = ("We would not use the ISEE you entered (ordinary (ordinario), issued on "
            "10/01/2025): a more recent declaration of the same kind counts.")
COUNTS = ("The ISEE that counts is the one of 12,000.00\N{NO-BREAK SPACE}€ (ordinary "
          f"(ordinario), protocol {REGISTER_PROTOCOL}), issued on 01/02/2025 and valid until "
          "31/12/2025. The reason: among declarations of the same kind, the one issued last "
          "counts.")


@pytest.fixture
def on_the_20th_of_november(db):
    """The server clock on 20/11/2025 at noon, while the call is open."""
    with mock.patch("django.utils.timezone.now", return_value=at_noon(day=ON)):
        yield


@pytest.fixture
def household(register, on_the_20th_of_november):
    """H001 with the register's ISEE ordinario issued on 01/02/2025 and a 900 € charge."""
    household = register["households"]["H001"]
    IseeDeclaration.objects.create(household=household, kind="ordinario",
                                   value_eur=Decimal("12000.00"), dsu_protocol=REGISTER_PROTOCOL,
                                   issued_on=dt.date(2025, 2, 1),
                                   valid_until=dt.date(2025, 12, 31))
    HeatingCharge.objects.create(household=household, season="2025-26", basis="estimate",
                                 amount_eur=Decimal("900.00"))
    demo_call()
    return household


@pytest.fixture
def asked(household, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    application = application_submit(call=demo_call(), household=household, channel="online",
                                     declarations=DECLARATION_CODES, acting_user=tenant)
    application_request_information(application=application, message="Send your new ISEE.",
                                    acting_user=make_user("benefit_officer"))
    return application, tenant


def answer_url():
    return reverse("energy:my_application", args=[DEMO_CALL_CODE])


def test_an_older_ordinario_is_explained_and_nothing_is_saved(client, asked):
    application, tenant = asked
    login(client, tenant)

    response = client.post(answer_url(), {"action": "answer", **OLDER_ORDINARIO})

    html = response.content.decode()
    assert 'id="isee-not-counted"' in html
    assert NOT_USED in html.replace("&#x27;", "'")
    assert COUNTS in html
    assert 'name="send_isee_anyway" value="1"' in html
    assert "Thank you" not in html
    assert not InformationAnswer.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_INFORMATION


def test_the_tenant_sends_it_anyway_and_the_register_one_is_used(client, asked):
    application, tenant = asked
    login(client, tenant)

    response = client.post(answer_url(), {"action": "answer", "send_isee_anyway": "1",
                                          **OLDER_ORDINARIO}, follow=True)

    assert "We received your answer" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert application.dsu_protocol == DECLARED_PROTOCOL  # recorded, for the officer
    assert application.isee_used_protocol == REGISTER_PROTOCOL  # but not used
    assert application.isee_used_why == "issued_last"
    change = application.status_changes.get(to_status="under_review")
    assert change.details["isee_not_counted"] is True


def test_a_corrente_valid_today_is_used_without_a_warning(client, asked):
    application, tenant = asked
    login(client, tenant)

    response = client.post(answer_url(), {
        "action": "answer", "isee_kind": "corrente", "isee_value": "11,000.00",
        "dsu_protocol": DECLARED_PROTOCOL, "isee_issued_on": "2025-11-10",
        "isee_valid_until": "2026-05-09"}, follow=True)

    html = response.content.decode()
    assert 'id="isee-not-counted"' not in html
    assert "We received your answer" in html
    application.refresh_from_db()
    assert application.isee_used_protocol == DECLARED_PROTOCOL
    assert application.isee_used_why == "corrente_replaces"
    assert application.status_changes.get(
        to_status="under_review").details["isee_not_counted"] is False


def test_the_apply_check_page_says_which_isee_counts(client, household, make_user):
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]), {
        "action": "check", "declarations": DECLARATION_CODES, **OLDER_ORDINARIO})

    html = response.content.decode()
    assert "You have not sent anything yet." in html
    assert NOT_USED in html.replace("&#x27;", "'")
    assert COUNTS in html
    assert 'value="submit"' in html and 'value="edit"' in html  # send it anyway, or correct it
