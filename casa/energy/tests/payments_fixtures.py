"""Approved applications built directly with the models, for the payment and letter tests (the
review services are written elsewhere): an application, its approving decision with a real
rule trace, and the budget entry that committed the amount."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from casa.energy import rules
from casa.energy.demo import create_demo_call
from casa.energy.models import (
    Application,
    ApplicationStatus,
    BudgetEntry,
    Channel,
    Decision,
    DecisionKind,
)

ON = dt.date(2025, 11, 20)
# A valid Italian IBAN (the textbook example's check digits) for transfer tests.
TENANT_IBAN = "IT42L1234512345123456789012"


def _trace(call, household, amount):
    """The rule's trace for a household whose heating costs give exactly `amount`."""
    params = call.params_at(ON)
    facts = rules.Household(
        rent_band=household.rent_band, tenancy_start=household.tenancy_start,
        arrears=Decimal("0"), repayment_plan=False,
        isee=[rules.Isee("ordinario", Decimal("12000.00"), "INPS-ISEE-2025-00597381W-00",
                         dt.date(2025, 10, 1), dt.date(2025, 12, 31))],
        charges=[rules.Charge(call.season, "estimate", Decimal(amount) * 2)])
    outcome = rules.evaluate(facts, params, season=call.season, on=ON)
    return list(outcome.trace)


def approve(household, *, amount, officer, call=None, iban=""):
    """An approved application of `household` for `amount` (at most 600.00 for the demo call)."""
    call = call or create_demo_call()
    amount = Decimal(amount)
    trace = _trace(call, household, amount)
    application = Application.objects.create(
        call=call, household=household, protocol=f"tmp-{household.code}",
        status=ApplicationStatus.APPROVED, submitted_at=timezone.now(), submitted_by=officer,
        channel=Channel.ASSISTED, iban=iban, expected_amount_eur=amount, trace=trace,
        approved_amount_eur=amount)
    application.protocol = f"CE-{call.season}-{application.pk:06d}"
    application.save(update_fields=["protocol"])
    decision = Decision.objects.create(
        application=application, kind=DecisionKind.DECISION,
        outcome=ApplicationStatus.APPROVED, amount_eur=amount, trace=trace, evaluated_on=ON,
        decided_by=officer, note="Requisiti verificati.",
        # Above the four-eyes threshold an approval is final once confirmed.
        confirmed_by=officer if amount > call.four_eyes_above_eur else None,
        confirmed_at=timezone.now() if amount > call.four_eyes_above_eur else None)
    _commit(application, decision, amount)
    return application


def recompute(application, *, amount, officer):
    """Actual costs arrived: a recomputation decision with the new amount, the difference
    committed, the application keeping its status."""
    amount = Decimal(amount)
    difference = amount - application.approved_amount_eur
    # As casa.energy.review does: the recomputation keeps the application's status as outcome.
    decision = Decision.objects.create(
        application=application, kind=DecisionKind.RECOMPUTATION,
        outcome=application.status, amount_eur=amount,
        trace=_trace(application.call, application.household, amount), evaluated_on=ON,
        decided_by=officer, decided_at=timezone.now() + dt.timedelta(seconds=1))
    application.approved_amount_eur = amount
    application.save(update_fields=["approved_amount_eur", "updated_at"])
    _commit(application, decision, difference)
    return decision


def reject(household, *, officer, call=None):
    """A rejected application with its decision (nothing committed)."""
    call = call or create_demo_call()
    application = Application.objects.create(
        call=call, household=household, protocol=f"tmp-{household.code}",
        status=ApplicationStatus.REJECTED, submitted_at=timezone.now(), submitted_by=officer,
        channel=Channel.ONLINE, expected_amount_eur=0, reasons=[rules.RENT_BAND])
    application.protocol = f"CE-{call.season}-{application.pk:06d}"
    application.save(update_fields=["protocol"])
    facts = rules.Household(rent_band="permanenza", tenancy_start=household.tenancy_start,
                            arrears=Decimal("0"), repayment_plan=False)
    outcome = rules.evaluate(facts, call.params_at(ON), season=call.season, on=ON)
    return Decision.objects.create(
        application=application, kind=DecisionKind.DECISION, outcome=ApplicationStatus.REJECTED,
        amount_eur=0, reasons=list(outcome.reasons), trace=list(outcome.trace), evaluated_on=ON,
        decided_by=officer)


def _commit(application, decision, amount):
    call = application.call
    BudgetEntry.objects.create(call=call, application=application, decision=decision,
                               amount_eur=amount)
    call.committed_eur += amount
    call.save(update_fields=["committed_eur"])
