"""The tenant's home says, for each open call and each call they applied to, where their
application stands, with one link to act: to do (apply), submitted (see it), needs your answer
(answer), approved and paid (with the amount, 600,00 € in Italian), rejected (with the last day
to ask for a review). The applications are made through the real services."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import (
    application_confirm,
    application_decide,
    application_request_information,
)
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.payments import mark_delivered, payment_run, payment_run_confirm
from casa.energy.tests.backoffice import give
from conftest import FISCAL_CODES

HOME = reverse("portal:my_home")
APPLY = reverse("energy:apply", args=[DEMO_CALL_CODE])
MY_APPLICATION = reverse("energy:my_application", args=[DEMO_CALL_CODE])
EURO_600 = "600,00\N{NO-BREAK SPACE}€"


@pytest.fixture
def tenant(register, make_user):
    """The tenant of H001 (San Siro), eligible for 600 € (the cap) in the open demo call."""
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.00", charge="1500.00", on=today)
    return make_user("tenant", fiscal_code=FISCAL_CODES[0])


@pytest.fixture
def officer(make_user):
    return make_user("benefit_officer")


def submit(register, tenant):
    from casa.energy.models import Call

    return application_submit(call=Call.objects.get(code=DEMO_CALL_CODE),
                              household=register["households"]["H001"], channel="online",
                              declarations=DECLARATION_CODES, acting_user=tenant)


def energy_line(client, tenant):
    """The home's line for the demo call, as text, and the href of its link to act."""
    client.force_login(tenant)
    page = client.get(HOME).content.decode()
    line = re.search(rf'<li[^>]*id="energy-call-{DEMO_CALL_CODE}".*?</li>', page, re.S).group()
    action = re.findall(r'class="btn[^"]*" href="([^"]+)"', line)
    # Blanks collapsed, but not the no-break space between an amount and its € sign.
    text = re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", line))
    return text, action


def test_an_open_call_the_tenant_has_not_applied_to_is_to_do(client, tenant):
    text, action = energy_line(client, tenant)

    assert "Da fare" in text
    closes_at = timezone.localtime(create_demo_call().closes_at)
    assert f"Puoi fare domanda fino al {closes_at:%d/%m/%Y} alle {closes_at:%H:%M}" in text
    assert "Fai domanda" in text
    assert action == [APPLY]


def test_a_submitted_application_links_to_the_application(client, register, tenant):
    submit(register, tenant)

    text, action = energy_line(client, tenant)

    assert "Presentata" in text
    assert "Vedi la tua domanda" in text
    assert action == [MY_APPLICATION]


def test_a_request_for_information_needs_the_tenants_answer(client, register, tenant, officer):
    application_request_information(application=submit(register, tenant),
                                    message="Inviate l'ISEE corrente.", acting_user=officer)

    text, action = energy_line(client, tenant)

    assert "Serve una tua risposta" in text
    assert "Rispondi" in text
    assert action == [MY_APPLICATION]


def test_an_approval_waiting_for_its_second_confirmation_is_not_shown_as_approved(
    client, register, tenant, officer
):
    application_decide(application=submit(register, tenant), approve=True,
                       acting_user=officer)

    text, action = energy_line(client, tenant)

    assert "Presentata, in verifica" in text
    assert "Approvata" not in text and EURO_600 not in text


def test_an_approved_application_shows_the_amount_in_italian(client, register, tenant,
                                                             officer, make_user):
    application = submit(register, tenant)
    application_decide(application=application, approve=True, acting_user=officer)
    application_confirm(application=application, acting_user=make_user("approver"))

    text, action = energy_line(client, tenant)

    assert "Approvata" in text
    assert f"Importo: {EURO_600}" in text
    assert action == [MY_APPLICATION]


def test_a_paid_application_shows_the_amount_paid(client, register, tenant, officer,
                                                  make_user):
    application = submit(register, tenant)
    application_decide(application=application, approve=True, acting_user=officer)
    application_confirm(application=application, acting_user=make_user("approver"))
    run = payment_run(call=application.call, acting_user=officer)
    mark_delivered(run, actor=officer)
    payment_run_confirm(run=run, executed_on=timezone.localdate(), acting_user=officer)

    text, action = energy_line(client, tenant)

    assert "Pagata" in text
    assert f"Importo pagato: {EURO_600}" in text
    assert action == [MY_APPLICATION]


def test_a_rejected_application_shows_the_last_day_to_ask_for_a_review(client, register,
                                                                        tenant, officer):
    application_decide(application=submit(register, tenant), approve=False,
                       note="Verificato con l'anagrafe.", acting_user=officer)

    text, action = energy_line(client, tenant)

    until = timezone.localdate() + dt.timedelta(days=create_demo_call().appeal_days)
    assert "Non approvata" in text
    assert f"Puoi chiedere il riesame fino al {until:%d/%m/%Y}" in text
    assert "Chiedi il riesame" in text
    assert action == [MY_APPLICATION]


def test_a_closed_call_the_tenant_applied_to_stays_on_the_home(client, register, tenant):
    from casa.energy.models import Call

    submit(register, tenant)
    Call.objects.filter(code=DEMO_CALL_CODE).update(
        closes_at=timezone.now() - dt.timedelta(days=1))

    text, action = energy_line(client, tenant)

    assert "Presentata" in text
    assert action == [MY_APPLICATION]


def test_a_closed_call_the_tenant_did_not_apply_to_is_not_listed(client, tenant):
    from casa.energy.models import Call

    Call.objects.filter(code=DEMO_CALL_CODE).update(
        closes_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(tenant)

    assert f'id="energy-call-{DEMO_CALL_CODE}"' not in client.get(HOME).content.decode()
