"""The tenant follows their application: the status in plain words with a timeline, a request
for information they answer with a newer ISEE (back under review, amount worked out again),
the amount when approved and the reasons when rejected."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.applying import (
    DECLARATION_CODES,
    application_provide_information,
    application_submit,
)
from casa.energy.decisions import (
    application_confirm,
    application_decide,
    application_request_information,
)
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import ApplicationStatus
from conftest import FISCAL_CODES

from .backoffice import give, login
from .fixtures import pay


@pytest.fixture
def applied(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(register["households"]["H001"], isee="18000.00", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    application = application_submit(call=call, household=register["households"]["H001"],
                                     channel="online", declarations=DECLARATION_CODES,
                                     acting_user=tenant)
    return application, tenant, today


def status_page(client):
    return client.get(reverse("energy:my_application", args=[DEMO_CALL_CODE])).content.decode()


def test_the_tenant_answers_a_request_for_information_with_a_newer_isee(client, applied,
                                                                         make_user):
    application, tenant, today = applied
    assert application.expected_amount_eur == 0
    application_request_information(application=application,
                                    message="Please send your ISEE corrente.",
                                    acting_user=make_user("benefit_officer"))
    login(client, tenant)

    html = status_page(client)
    assert "We need more information from you" in html
    assert "Please send your ISEE corrente." in html
    assert "Now:" in html and "Information needed from you" in html

    response = client.post(reverse("energy:my_application", args=[DEMO_CALL_CODE]), {
        "isee_kind": "corrente", "isee_value": "11,000.00",
        "dsu_protocol": "INPS-ISEE-2025-00597381W-00",
        "isee_issued_on": (today - dt.timedelta(days=2)).isoformat(),
        "isee_valid_until": (today + dt.timedelta(days=180)).isoformat()}, follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert application.expected_amount_eur == Decimal("450.00")
    assert application.dsu_protocol == "INPS-ISEE-2025-00597381W-00"
    assert "We are now checking your application again" in response.content.decode()
    event = AuditEvent.objects.filter(target_type="energy.application", action="update",
                                      actor=tenant).get()
    assert event.changes["status"] == ["needs_information", "under_review"]


def test_information_is_refused_when_none_was_asked(applied):
    application, tenant, today = applied

    with pytest.raises(ValidationError):
        application_provide_information(application=application, acting_user=tenant,
                                        iban="IT60X0542811101000000123456")


def approve_it(application, make_user):
    """An ISEE corrente within the range arrives in the register, and the application is
    approved (450 €, above the threshold: an approver confirms), through the services."""
    give(application.household, isee="12000.00", kind="corrente", on=timezone.localdate())
    application_decide(application=application, approve=True,
                       acting_user=make_user("benefit_officer"))
    application_confirm(application=application, acting_user=make_user("approver"))


def test_an_approved_application_shows_the_amount(client, applied, make_user):
    application, tenant, today = applied
    approve_it(application, make_user)
    login(client, tenant)

    html = status_page(client)

    assert "Your application has been approved." in html
    assert "Amount: <strong>450.00\N{NO-BREAK SPACE}€</strong>" in html


def test_a_rejected_application_shows_the_reasons_of_the_decision(client, applied, make_user):
    application, tenant, today = applied
    application_decide(application=application, approve=False,
                       acting_user=make_user("benefit_officer"))
    login(client, tenant)

    html = status_page(client)

    assert "Your application has not been approved." in html
    assert "ISEE outside the call&#x27;s range" in html
    assert "Your ISEE is 18,000.00\N{NO-BREAK SPACE}€" in html


def test_a_paid_application_says_so(client, applied, make_user):
    application, tenant, today = applied
    approve_it(application, make_user)
    pay(application.call, officer=make_user("benefit_officer"), executed_on=today)
    login(client, tenant)

    html = status_page(client)

    assert "The contribution has been paid." in html
    assert "Amount paid: <strong>450.00\N{NO-BREAK SPACE}€</strong>" in html
