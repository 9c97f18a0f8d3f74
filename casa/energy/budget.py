"""A call's budget: the lock, what is left, and the ledger.

Every change of what is committed goes through `settle` in the transaction of the decision or
payment that causes it, with the call's row locked first (`lock_call`; the one lock order of
the energy app: the call, then the application). So concurrent approvals never commit more
than the budget, and `Call.committed_eur` always equals the sum of the call's ledger.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Sum

from . import controls
from .models import BudgetEntry, Call, PaymentLine, PaymentLineState, Recovery, RecoveryState

ZERO = Decimal("0.00")


def lock_call(call_id) -> Call:
    """The call, re-read under a row lock (on SQLite the IMMEDIATE transaction serialises)."""
    return Call.objects.select_for_update().get(pk=call_id)


def budget_left(call) -> Decimal:
    return call.budget_eur - call.committed_eur


def committed_for(application) -> Decimal:
    """What the ledger holds for one application."""
    total = application.budget_entries.aggregate(total=Sum("amount_eur"))["total"]
    return total if total is not None else ZERO


def net_paid(application) -> Decimal:
    """What the household holds of this application's money: the lines sent or paid (a
    negative bill-credit adjustment counts against them), less what the billing office
    recovered."""
    lines = (PaymentLine.objects.filter(application=application)
             .exclude(state=PaymentLineState.RETURNED)
             .aggregate(total=Sum("amount_eur"))["total"]) or ZERO
    recovered = (Recovery.objects.filter(application=application,
                                         state=RecoveryState.RECOVERED)
                 .aggregate(total=Sum("amount_eur"))["total"]) or ZERO
    return lines - recovered


def ledger_move(call, application, decision, amount):
    """Move `amount` (negative: release) through the ledger; the call row must be locked."""
    if not amount:
        return
    BudgetEntry.objects.create(call=call, application=application, decision=decision,
                               amount_eur=amount)
    Call.objects.filter(pk=call.pk).update(committed_eur=F("committed_eur") + amount)
    call.refresh_from_db(fields=["committed_eur"])


def increase_needed(application, amount) -> Decimal:
    """How much more the ledger must hold if the application's amount becomes `amount`."""
    target = controls.commitment(amount, paid=net_paid(application))
    return target - committed_for(application)


def settle(call, application, decision, amount) -> Decimal:
    """Bring the application's commitment to what `amount` needs (controls.commitment) and
    return the move. The caller has checked an increase with controls.fits_budget."""
    move = increase_needed(application, amount)
    ledger_move(call, application, decision, move)
    return move


# --- The same for many applications at once (a payment run), in a fixed number of queries ----

def _grouped_sum(queryset, ids) -> dict:
    totals = {}
    ids = list(ids)
    for start in range(0, len(ids), 900):
        totals.update(queryset.filter(application_id__in=ids[start:start + 900])
                      .values("application_id").annotate(total=Sum("amount_eur"))
                      .values_list("application_id", "total").order_by())
    return totals


def net_paid_by_application(ids) -> dict:
    """`net_paid` for each application id (absent: nothing paid)."""
    lines = _grouped_sum(PaymentLine.objects.exclude(state=PaymentLineState.RETURNED), ids)
    recovered = _grouped_sum(Recovery.objects.filter(state=RecoveryState.RECOVERED), ids)
    return {pk: lines.get(pk, ZERO) - recovered.get(pk, ZERO) for pk in ids}


def settle_many(call, items) -> Decimal:
    """`settle` for many (application, decision) pairs at their approved amount, the call row
    locked: each commitment brought to controls.commitment(approved, net paid). Returns the
    total move."""
    items = list(items)
    ids = [application.pk for application, _decision in items]
    paid = net_paid_by_application(ids)
    held = _grouped_sum(BudgetEntry.objects.all(), ids)
    entries = []
    for application, decision in items:
        target = controls.commitment(application.approved_amount_eur, paid=paid[application.pk])
        move = target - held.get(application.pk, ZERO)
        if move:
            entries.append(BudgetEntry(call=call, application=application, decision=decision,
                                       amount_eur=move))
    total = sum((entry.amount_eur for entry in entries), ZERO)
    if entries:
        BudgetEntry.objects.bulk_create(entries, batch_size=500)
        Call.objects.filter(pk=call.pk).update(committed_eur=F("committed_eur") + total)
        call.refresh_from_db(fields=["committed_eur"])
    return total
