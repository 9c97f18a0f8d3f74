"""The bank returns a transfer (or the billing system a credit): staff record it with a reason.
The line no longer counts as paid, the application is approved again and its household told
in its language, and the next run pays it again under the same decision."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.budget import net_paid
from casa.energy.models import ApplicationStatus, PaymentLineState
from casa.energy.payments import (
    mark_delivered,
    payment_line_return,
    payment_run,
    payment_run_confirm,
)
from casa.notifications.models import Message

from .backoffice import login
from .payments_fixtures import TENANT_IBAN, approve, pay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CODE = "energia-2025-26"


@pytest.fixture
def paid(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    households["H002"].language = "en"
    households["H002"].save(update_fields=["language"])
    application = approve(households["H002"], amount="400.00", officer=officer,
                          iban=TENANT_IBAN)
    run = pay(application.call, officer=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    return {"officer": officer, "application": application, "run": run,
            "line": run.lines.get()}


def test_a_returned_transfer_is_no_longer_paid_and_the_tenant_is_told(paid):
    application, officer = paid["application"], paid["officer"]

    payment_line_return(line=paid["line"], reason="Conto estinto (AC04)", acting_user=officer)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert net_paid(application) == 0
    line = paid["line"]
    line.refresh_from_db()
    assert (line.state, line.return_reason, line.returned_by) == (
        PaymentLineState.RETURNED, "Conto estinto (AC04)", officer)
    message = Message.objects.get(kind="energy.payment_returned", channel="app")
    assert message.language == "en"
    assert "The bank sent back the transfer of 400.00" in message.body
    assert AuditEvent.objects.filter(target_type="energy.paymentline",
                                     changes__state=["paid", "returned"]).exists()


def test_the_next_run_pays_it_again_under_the_same_decision(paid):
    application, officer = paid["application"], paid["officer"]
    payment_line_return(line=paid["line"], reason="IBAN errato", acting_user=officer)

    again = payment_run(call=application.call, acting_user=officer)

    line = again.lines.get()
    assert line.decision == paid["line"].decision
    assert line.end_to_end_id == f"{application.protocol}-2"
    assert line.amount_eur == paid["line"].amount_eur
    mark_delivered(again, actor=officer)
    payment_run_confirm(run=again, executed_on=timezone.localdate(), acting_user=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    assert net_paid(application) == application.approved_amount_eur
    assert payment_run(call=application.call, acting_user=officer).pk is None


def test_a_return_needs_a_reason_and_happens_once(paid):
    with pytest.raises(ValidationError, match="Write why"):
        payment_line_return(line=paid["line"], reason=" ", acting_user=paid["officer"])
    payment_line_return(line=paid["line"], reason="AC04", acting_user=paid["officer"])
    with pytest.raises(ValidationError, match="already recorded as returned"):
        payment_line_return(line=paid["line"], reason="AC04", acting_user=paid["officer"])


def test_staff_record_a_return_on_the_run_page(client, paid):
    login(client, paid["officer"])
    line = paid["line"]
    url = reverse("energy:payment_line_return",
                  kwargs={"code": CODE, "number": 1, "line_id": line.pk})
    page = client.get(reverse("energy:payment_run", kwargs={"code": CODE, "number": 1}))
    assert url in page.content.decode()

    response = client.post(url, {"reason": "Beneficiario sconosciuto"}, follow=True)

    assert "recorded as returned" in response.content.decode()
    assert "Beneficiario sconosciuto" in response.content.decode()
    line.refresh_from_db()
    assert line.state == PaymentLineState.RETURNED
