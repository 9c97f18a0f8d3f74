"""A recomputation lowers an amount below what was paid. A bill-credit household's next run
deducts the overpayment with a negative line; a bank transfer cannot, so the billing office
recovers it from the recovery list. Either way the ledger releases the overpayment then, and
the call's committed amount stays equal to the sum of its ledger."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.budget import committed_for, net_paid
from casa.energy.models import BudgetEntry, Recovery, RecoveryState
from casa.energy.payments import payment_line_return, payment_run

from .backoffice import login
from .payments_fixtures import TENANT_IBAN, approve, pay, recompute

pytestmark = pytest.mark.django_db
CODE = "energia-2025-26"


def ledger(call):
    call.refresh_from_db()
    total = BudgetEntry.objects.filter(call=call).aggregate(total=Sum("amount_eur"))["total"]
    assert call.committed_eur == total
    return total


def test_a_bill_credit_overpayment_is_deducted_by_the_next_run(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H001"], amount="400.00", officer=officer)
    pay(application.call, officer=officer)
    recompute(application, amount="300.00", officer=officer)
    application.refresh_from_db()
    assert ledger(application.call) == Decimal("400.00")  # committed until recovered

    run = payment_run(call=application.call, acting_user=officer)

    line = run.lines.get()
    assert line.amount_eur == Decimal("-100.00")
    assert line.decision == application.decisions.order_by("-decided_at", "-id").first()
    assert f"H001,U-H001,2025-26,-100.00,{application.protocol}" in run.bill_credit_csv
    assert run.sepa_xml == ""
    recovery = Recovery.objects.get(application=application)
    assert (recovery.state, recovery.adjustment, recovery.amount_eur) == (
        RecoveryState.ADJUSTED, line, Decimal("100.00"))
    assert net_paid(application) == Decimal("300.00")
    assert committed_for(application) == Decimal("300.00")
    assert ledger(application.call) == Decimal("300.00")
    assert payment_run(call=application.call, acting_user=officer).pk is None


def test_a_transfer_overpayment_goes_to_the_recovery_list(client, register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H002"], amount="400.00", officer=officer,
                          iban=TENANT_IBAN)
    pay(application.call, officer=officer)
    recompute(application, amount="250.00", officer=officer)
    assert payment_run(call=application.call, acting_user=officer).pk is None  # no line
    recovery = Recovery.objects.get(application=application)
    assert (recovery.state, recovery.amount_eur) == (RecoveryState.OPEN, Decimal("150.00"))
    assert ledger(application.call) == Decimal("400.00")

    login(client, officer)
    page = client.get(reverse("energy:payment_recoveries", kwargs={"code": CODE}))
    text = page.content.decode()
    assert application.protocol in text and "150.00" in text
    response = client.post(reverse("energy:payment_recovery_recovered",
                                   kwargs={"code": CODE, "pk": recovery.pk}),
                           {"note": "Bonifico di restituzione del 03/12"}, follow=True)

    assert "recorded as recovered" in response.content.decode()
    recovery.refresh_from_db()
    assert (recovery.state, recovery.resolved_by) == (RecoveryState.RECOVERED, officer)
    application.refresh_from_db()
    assert net_paid(application) == Decimal("250.00")
    assert committed_for(application) == Decimal("250.00")
    assert ledger(application.call) == Decimal("250.00")
    assert AuditEvent.objects.filter(target_type="energy.recovery",
                                     changes__state=["open", "recovered"]).exists()
    assert payment_run(call=application.call, acting_user=officer).pk is None


def test_auditors_read_the_recovery_list_but_cannot_record_a_recovery(client, register,
                                                                     make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H002"], amount="400.00", officer=officer,
                          iban=TENANT_IBAN)
    pay(application.call, officer=officer)
    recompute(application, amount="250.00", officer=officer)
    recovery = Recovery.objects.get()
    login(client, make_user("auditor"))

    page = client.get(reverse("energy:payment_recoveries", kwargs={"code": CODE}))
    assert page.status_code == 200
    assert "Record as recovered" not in page.content.decode()
    assert client.post(reverse("energy:payment_recovery_recovered",
                               kwargs={"code": CODE, "pk": recovery.pk})).status_code == 403
    recovery.refresh_from_db()
    assert recovery.state == RecoveryState.OPEN


def test_a_returned_deduction_is_recovered_again_by_the_next_run(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H001"], amount="400.00", officer=officer)
    pay(application.call, officer=officer)
    recompute(application, amount="300.00", officer=officer)
    deduction = pay(application.call, officer=officer).lines.get()
    assert ledger(application.call) == Decimal("300.00")

    # The billing system could not deduct it (the bill was already closed).
    payment_line_return(line=deduction, reason="Bolletta già chiusa", acting_user=officer)

    recovery = Recovery.objects.get(application=application)
    assert (recovery.state, recovery.adjustment) == (RecoveryState.OPEN, None)
    assert net_paid(application) == Decimal("400.00")
    assert ledger(application.call) == Decimal("400.00")
    again = payment_run(call=application.call, acting_user=officer).lines.get()
    assert (again.amount_eur, again.decision) == (Decimal("-100.00"), deduction.decision)
    recovery.refresh_from_db()
    assert (recovery.state, recovery.adjustment) == (RecoveryState.ADJUSTED, again)
    assert Recovery.objects.filter(application=application).count() == 1
    assert ledger(application.call) == Decimal("300.00")
