"""Appeals: the tenant asks for a review of a final decision (a rejection, an approved amount,
a place on the waiting list) within the call's `appeal_days`, and a different officer decides.

Upholding works the rule out again on the register's facts as they are now (the officer
corrects the register first when the tenant was right about a fact) and applies the result
through review.py's machinery: the budget is committed under the call's row lock, an approval
above the call's threshold waits for an approver, and budget released by a lower amount goes
to the waiting list. Dismissing keeps the decision and records the officer's note. Either way
the outcome is a new Decision of kind "appeal", and the tenant is told.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import can
from casa.core.audit import AuditAction, audit_record, user_or_none
from casa.core.templatetags.casa import euro
from casa.registry.access import visible_households

from . import review
from .models import Appeal, AppealStatus, ApplicationStatus, Call, Decision, DecisionKind

S = ApplicationStatus
# The statuses whose latest decision a tenant may appeal.
APPEALABLE = (S.APPROVED, S.REJECTED, S.WAITLISTED)


def appealable_decision(application):
    """The decision the tenant may appeal, or None: the latest decision of an approved,
    rejected or waiting application, unless it is itself a decision on appeal."""
    if application.status not in APPEALABLE:
        return None
    decision = application.decisions.order_by("-decided_at", "-id").first()
    if (decision is None or decision.kind == DecisionKind.APPEAL
            or decision.outcome != application.status):
        return None
    return decision


def appeal_deadline(decision) -> dt.date:
    """The last day (Europe/Rome) to appeal `decision`, as its letter states."""
    decided_on = timezone.localtime(decision.decided_at).date()
    return decided_on + dt.timedelta(days=decision.application.call.appeal_days)


def open_appeal(application):
    return application.appeals.filter(status=AppealStatus.OPEN).first()


def can_appeal(application, *, now=None):
    """(decision, deadline) when the tenant may appeal today, else None."""
    decision = appealable_decision(application)
    if decision is None or decision.appeals.exists():
        return None
    deadline = appeal_deadline(decision)
    if timezone.localdate(now or timezone.now()) > deadline:
        return None
    return decision, deadline


@transaction.atomic
def appeal_file(*, application, reason, acting_user, now=None) -> Appeal:
    """The tenant's appeal against the application's latest final decision, with their
    reasons, within the call's deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why you ask for a review of the decision.")})
    if not visible_households(acting_user).filter(pk=application.household_id).exists():
        raise PermissionDenied(_("You can appeal only your own household's decisions."))
    application = review.lock_application(application, call=False)
    decision = appealable_decision(application)
    if decision is None:
        raise ValidationError(_(
            "Application %(protocol)s is “%(current)s”: there is no decision you can appeal.")
            % {"protocol": application.protocol, "current": application.get_status_display()})
    if decision.appeals.exists():
        raise ValidationError(_("You have already appealed this decision."))
    deadline = appeal_deadline(decision)
    now = now or timezone.now()
    if timezone.localdate(now) > deadline:
        raise ValidationError(_(
            "The deadline to appeal this decision was %(deadline)s: it has passed.") % {
            "deadline": deadline.strftime("%d/%m/%Y")})
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(application=application, decision=decision,
                                           reason=reason, filed_at=now, filed_by=acting_user)
    except IntegrityError:
        raise ValidationError(_("You have already appealed this decision.")) from None
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=appeal,
                 changes={"decision": decision.pk, "outcome": decision.outcome,
                          "amount_eur": str(decision.amount_eur), "reason": reason},
                 note="appeal filed")
    review.notify_tenant("appeal_receipt", application, actor=acting_user,
            key=f"energy.appeal_receipt:{appeal.pk}", reason=reason,
            outcome=decision.outcome, filed_on=timezone.localdate(now).strftime("%d/%m/%Y"))
    return appeal


def _check_officer(appeal, acting_user):
    if not can(acting_user, "energy.review"):
        raise PermissionDenied(_("Only a benefit officer can decide an appeal."))
    decision = appeal.decision
    user_id = getattr(acting_user, "pk", None)
    if user_id is not None and user_id in (decision.decided_by_id, decision.confirmed_by_id):
        raise PermissionDenied(_(
            "You took part in the decision under appeal: a different officer must decide the "
            "appeal."))


def may_decide(appeal, user):
    """True when `user` may decide the open `appeal`."""
    try:
        _check_officer(appeal, user)
    except PermissionDenied:
        return False
    return appeal.status == AppealStatus.OPEN


@transaction.atomic
def appeal_decide(*, appeal, uphold: bool, note="", acting_user) -> Decision:
    """Uphold or dismiss an open appeal, by an officer who took no part in the decision under
    appeal. Returns the decision on appeal (for an upheld rejection above the threshold: the
    approval waiting for an approver's confirmation)."""
    note = (note or "").strip()
    _check_officer(appeal, acting_user)
    # The call first, then the application.
    application = review.lock_application(appeal.application)
    appeal = Appeal.objects.select_for_update().select_related("decision").get(pk=appeal.pk)
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal has already been decided."))
    appealed = appeal.decision
    if appealable_decision(application) != appealed:
        raise ValidationError(_(
            "The application changed since the appeal was filed: review it before deciding "
            "the appeal."))
    if not uphold and not note:
        raise ValidationError({"note": _("Write why the appeal is dismissed.")})
    if uphold:
        outcome, released = _uphold(application, appealed, note=note, actor=acting_user)
    else:
        outcome = Decision.objects.create(
            application=application, kind=DecisionKind.APPEAL, outcome=appealed.outcome,
            amount_eur=appealed.amount_eur, reasons=appealed.reasons, trace=appealed.trace,
            evaluated_on=appealed.evaluated_on, note=note,
            decided_by=user_or_none(acting_user))
        released = False
    appeal.status = AppealStatus.DECIDED
    appeal.upheld = uphold
    appeal.note = note
    appeal.decided_by = acting_user
    appeal.decided_at = timezone.now()
    appeal.outcome = outcome
    appeal.save(update_fields=["status", "upheld", "note", "decided_by", "decided_at",
                               "outcome"])
    application.refresh_from_db(fields=["status", "approved_amount_eur"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appeal,
                 changes={"status": [AppealStatus.OPEN, AppealStatus.DECIDED],
                          "upheld": uphold, "decision": outcome.pk,
                          "application_status": application.status,
                          "amount_eur": str(application.approved_amount_eur)},
                 note="appeal decided")
    review.notify_tenant("appeal_decision", application, actor=acting_user,
            key=f"energy.appeal_decision:{appeal.pk}", upheld=uphold, note=note,
            status=application.status, amount_eur=outcome.amount_eur)
    if released:
        review.allocate_waitlist(call=application.call, acting_user=acting_user)
    return outcome


def _uphold(application, appealed, *, note, actor):
    """Apply the rule worked out again; (decision on appeal, whether budget was released)."""
    on = review.reference_date(application)
    result = review.evaluate_application(application, on=on)
    if not result.eligible:
        raise ValidationError(_(
            "The rule still finds this application not eligible (%(reasons)s): correct the "
            "household's facts in the register first, or dismiss the appeal.") % {
            "reasons": ", ".join(str(label) for label in review.reason_labels(
                result.reasons))})
    decision = Decision(application=application, kind=DecisionKind.APPEAL,
                        reasons=list(result.reasons), trace=list(result.trace),
                        evaluated_on=on, note=note, decided_by=user_or_none(actor))
    amount = result.amount
    if application.status == S.REJECTED:
        review.move_status(application, S.UNDER_REVIEW)  # the workflow's way back to a decision
        decision = review.approve_amount(application, amount=amount, decision=decision,
                                         actor=actor)
        return decision, False
    call = Call.objects.get(pk=application.call_id)  # fresh, under the lock
    application.call = call
    if application.status == S.WAITLISTED:
        if amount > review.budget_left(call):
            raise ValidationError(_(
                "The budget left (%(left)s) still does not cover %(amount)s: the application "
                "stays on the waiting list. Dismiss the appeal, explaining why.") % {
                "left": euro(review.budget_left(call)), "amount": euro(amount)})
        return review.final_approval(application, amount=amount, decision=decision,
                                      actor=actor), False
    # Approved: the tenant contests the amount.
    old_amount = application.approved_amount_eur
    difference = amount - old_amount
    if difference > review.budget_left(call):
        raise ValidationError(_(
            "The budget left (%(left)s) does not cover the increase to %(amount)s. Dismiss the "
            "appeal, explaining why.") % {"left": euro(review.budget_left(call)),
                                          "amount": euro(amount)})
    decision.outcome, decision.amount_eur = S.APPROVED, amount
    decision.save()
    review.ledger_move(call, application, decision, difference)
    application.approved_amount_eur = amount
    application.save(update_fields=["approved_amount_eur", "updated_at"])
    review.audit_application(application, actor=actor, old_status=application.status,
                  changes={"approved_amount_eur": [str(old_amount), str(amount)],
                           "committed_eur": str(call.committed_eur)},
                  note=f"appeal {decision.pk}")
    return decision, difference < 0
