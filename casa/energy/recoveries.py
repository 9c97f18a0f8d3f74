"""Overpayments to recover: the billing office's list, and recording that an overpayment paid
by bank transfer came back (a bill credit is deducted by the next payment run instead, see
casa/energy/payments.py). Recording it lowers `budget.net_paid`, the ledger releases the
overpayment in the same transaction, and the waiting list is served with what was released.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, audit_record, user_or_none

from . import budget
from .decisions import allocate_waitlist
from .models import Application, Recovery, RecoveryState


def call_recoveries(call):
    """Every overpayment of the call: open ones first, then adjusted and recovered."""
    return (Recovery.objects.filter(application__call=call)
            .select_related("application__household", "decision", "adjustment__run",
                            "resolved_by")
            .order_by("state", "created_at", "id"))


@transaction.atomic
def recovery_mark_recovered(*, recovery, note="", acting_user) -> Recovery:
    """The billing office got an overpayment back: the recovery is closed, `budget.net_paid`
    goes down by its amount and the ledger releases it; the waiting list is then served."""
    call = budget.lock_call(recovery.application.call_id)
    recovery = Recovery.objects.select_for_update(of=("self",)).get(pk=recovery.pk)
    if recovery.state != RecoveryState.OPEN:
        raise ValidationError(_("This overpayment is no longer open."))
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("household").get(pk=recovery.application_id))
    recovery.state = RecoveryState.RECOVERED
    recovery.resolved_at = timezone.now()
    recovery.resolved_by = user_or_none(acting_user)
    recovery.note = (note or "").strip()
    recovery.save(update_fields=["state", "resolved_at", "resolved_by", "note"])
    move = budget.settle(call, application, recovery.decision,
                         application.approved_amount_eur)
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=recovery,
                 subject=application.audit_subject,
                 changes={"state": [RecoveryState.OPEN, RecoveryState.RECOVERED],
                          "amount_eur": str(recovery.amount_eur), "ledger_eur": str(move),
                          "protocol": application.protocol},
                 note=recovery.note[:200])
    if move < 0:
        allocate_waitlist(call=call, acting_user=acting_user)
    return recovery
