"""Appeals: the tenant asks for a review of a decision that a letter announced (a rejection, an
approved amount, a place on the waiting list, a recomputation; paid ones included), within the
call's `appeal_days` of that decision, and an officer who took part in no decision on the
application decides.

Upholding works the rule out again on the register's facts as they are now (the officer
corrects the register first when the tenant was right about a fact) and commits the result
through decisions.grant, like any other decision: the budget under the call's row lock, four
eyes above the call's threshold (an increase included), budget released by a lower amount to
the waiting list. Dismissing keeps things as they are and records the officer's note. Either
way the outcome is a new Decision of kind "appeal", and the tenant is told.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, audit_record
from casa.registry.access import visible_households

from . import controls, decisions, workflow
from .explain import reason_labels
from .letters import appeal_deadline, letter_available
from .models import (
    Appeal,
    AppealStatus,
    ApplicationStatus,
    Decision,
    DecisionKind,
    DecisionState,
)

S = ApplicationStatus


def appealable_decisions(application, *, now=None) -> list[tuple[Decision, dt.date]]:
    """(decision, deadline) of every decision the tenant may appeal today: each decision a
    letter announced (decisions on appeal excepted), within its deadline, not appealed yet,
    newest first."""
    today = timezone.localdate(now or timezone.now())
    found = []
    for decision in (application.decisions.filter(state=DecisionState.EFFECTIVE)
                     .exclude(kind=DecisionKind.APPEAL).select_related("application__call")
                     .order_by("-decided_at", "-id")):
        if not letter_available(decision) or decision.appeals.exists():
            continue
        deadline = appeal_deadline(decision)
        if today <= deadline:
            found.append((decision, deadline))
    return found


def can_appeal(application, *, now=None):
    """(decision, deadline) of the latest decision the tenant may appeal today, or None."""
    if open_appeal(application) is not None:
        return None
    found = appealable_decisions(application, now=now)
    return found[0] if found else None


def open_appeal(application):
    return application.appeals.filter(status=AppealStatus.OPEN).first()


@transaction.atomic
def appeal_file(*, application, reason, acting_user, decision=None, now=None) -> Appeal:
    """The tenant's appeal against a decision of their application (the latest one they may
    appeal, unless `decision` says which), with their reasons, within its deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why you want us to look at the decision again.")})
    if not visible_households(acting_user).filter(pk=application.household_id).exists():
        raise PermissionDenied(_("You can appeal only your own household's decisions."))
    application = decisions.lock(application, call=False)
    now = now or timezone.now()
    choices = dict(appealable_decisions(application, now=now))
    if decision is None:
        decision = next(iter(choices), None)
    if decision is None or decision not in choices:
        latest = (application.decisions.filter(state=DecisionState.EFFECTIVE)
                  .exclude(kind=DecisionKind.APPEAL).order_by("-decided_at", "-id").first())
        if latest is not None and letter_available(latest) and not latest.appeals.exists():
            raise ValidationError(_(
                "You could appeal this decision until %(deadline)s. That time has passed.") % {
                "deadline": appeal_deadline(latest).strftime("%d/%m/%Y")})
        raise ValidationError(_(
            "You cannot appeal application %(protocol)s. Maybe there is no decision yet. Or you "
            "have already appealed.") % {"protocol": application.protocol})
    if open_appeal(application) is not None:
        raise ValidationError(_("You have already appealed: wait for the outcome."))
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
    workflow.notify_tenant("appeal_receipt", application, actor=acting_user,
                           key=f"energy.appeal_receipt:{appeal.pk}", reason=reason,
                           outcome=decision.outcome,
                           filed_on=timezone.localdate(now).strftime("%d/%m/%Y"))
    return appeal


def may_decide(appeal, user) -> bool:
    """True when `user` may decide the open `appeal` (the same check appeal_decide applies)."""
    if appeal.status != AppealStatus.OPEN:
        return False
    try:
        decisions.check_duty(appeal.application, user, controls.Duty.DECIDE_APPEAL)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def appeal_decide(*, appeal, uphold: bool, note="", acting_user) -> Decision:
    """Uphold or dismiss an open appeal, by an officer who took part in no decision on the
    application. Returns the decision on appeal (pending when an increase above the threshold
    waits for a second person)."""
    note = (note or "").strip()
    application = decisions.lock(appeal.application)  # the call first, then the application
    appeal = Appeal.objects.select_for_update().select_related("decision").get(pk=appeal.pk)
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal has already been decided."))
    decisions.check_duty(application, acting_user, controls.Duty.DECIDE_APPEAL)
    if decisions.pending_decision(application) is not None:
        raise ValidationError(_("A decision on this application waits for confirmation: "
                                "decide the appeal once it is confirmed or sent back."))
    if not uphold and not note:
        raise ValidationError({"note": _("Write why the appeal is dismissed.")})
    released = False
    if uphold:
        outcome = decisions.evaluate_application(application)
        if not outcome.eligible:
            raise ValidationError(_(
                "The rule still finds this application not eligible (%(reasons)s): correct the "
                "household's facts in the register first, or dismiss the appeal.") % {
                "reasons": ", ".join(str(label) for label in reason_labels(outcome.reasons))})
        before = application.approved_amount_eur
        decision = decisions.new_decision(application, outcome, kind=DecisionKind.APPEAL,
                                          actor=acting_user, note=note)
        decision = decisions.grant(
            application, decision, actor=acting_user, announce=False,
            when_short=decisions.WAITLIST if application.status == S.REJECTED
            else decisions.REFUSE)
        released = application.approved_amount_eur < before
    else:
        # The decision stays: the appeal's decision restates it, with the same facts.
        latest = (application.decisions.filter(state=DecisionState.EFFECTIVE)
                  .order_by("-decided_at", "-id").first())
        decision = Decision(application=application, kind=DecisionKind.APPEAL,
                            outcome=latest.outcome, amount_eur=application.approved_amount_eur,
                            previous_amount_eur=application.approved_amount_eur, note=note,
                            decided_by=acting_user, decided_by_label=acting_user.email)
        decision.copy_facts(latest)
        decision.save()
    appeal.status = AppealStatus.DECIDED
    appeal.upheld = uphold
    appeal.note = note
    appeal.decided_by = acting_user
    appeal.decided_at = timezone.now()
    appeal.outcome = decision
    appeal.save(update_fields=["status", "upheld", "note", "decided_by", "decided_at",
                               "outcome"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appeal,
                 changes={"status": [AppealStatus.OPEN, AppealStatus.DECIDED],
                          "upheld": uphold, "decision": decision.pk,
                          "application_status": application.status,
                          "amount_eur": str(application.approved_amount_eur)},
                 note="appeal decided")
    workflow.notify_tenant("appeal_decision", application, actor=acting_user,
                           key=f"energy.appeal_decision:{appeal.pk}", upheld=uphold, note=note,
                           status=application.status, amount_eur=decision.amount_eur,
                           pending=decision.state == DecisionState.PENDING)
    if released:
        decisions.allocate_waitlist(call=application.call, acting_user=acting_user)
    return decision

