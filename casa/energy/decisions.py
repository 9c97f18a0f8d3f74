"""Deciding applications: the officer's review steps, the second person's confirmation, and
`grant`, the one path by which any decision commits money.

Every path that commits money (the first approval, a confirmation, a recomputation, an upheld
appeal, the waiting list) comes through `grant` and `_commit`, which apply the controls of
casa/energy/controls.py in one place:

- the rule is worked out again on the register as it is now (`evaluate_application`);
- four eyes: an increase above the call's threshold waits for a different person with the
  approver role (`controls.four_eyes_required`);
- segregation of duties: whoever filed an application at the desk decides nothing on it, the
  confirmer is not the decider, an appeal goes to someone who took no part (`check_duty`);
- the budget: the call's row is locked first, an increase is committed only if the budget
  left covers it all (`controls.fits_budget`), through the ledger (casa/energy/budget.py).

Status changes go through casa/energy/workflow.transition, with their history, audit event
and message in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casa.core.access import can
from casa.core.audit import AuditAction, actor_label_for, audit_record, user_or_none
from casa.core.money import format_euro

from . import budget, controls, rules, waitlist, workflow
from .applying import declared_isee, household_facts
from .explain import reason_labels
from .models import (
    Application,
    ApplicationStatus,
    Channel,
    Decision,
    DecisionKind,
    DecisionState,
)
from .workflow import Notice, TransitionError

S = ApplicationStatus
# Statuses from which an officer takes the first decision.
DECIDABLE = (S.SUBMITTED, S.UNDER_REVIEW)
# Statuses whose amount is committed against the budget, and recomputed on actual costs.
COMMITTED = (S.APPROVED, S.PAID)
# What to do when the budget left does not cover an increase.
WAITLIST, KEEP, REFUSE = "waitlist", "keep", "refuse"


def lock(application, *, call=True) -> Application:
    """The application re-read under a row lock, after the call's row (the one lock order)."""
    if call:
        budget.lock_call(application.call_id)
    # of=("self",): a FOR UPDATE over the join would lock the call row too, in any order.
    return (Application.objects.select_for_update(of=("self",))
            .select_related("call", "household").get(pk=application.pk))


# --- The rule for one application -------------------------------------------------------------

def reference_date(application) -> dt.date:
    """The date the rule is worked out on: the day of the outcome the tenant was shown (the
    submission, or their answer to a request for information)."""
    return application.reference_on or timezone.localdate(application.submitted_at)


def evaluate_application(application, *, on: dt.date | None = None) -> rules.Outcome:
    """The rule for the application on its reference date, on the register's facts as they are
    now (charges included, actual costs when known) plus the ISEE the tenant declared."""
    on = on or reference_date(application)
    call = application.call
    facts = household_facts(call=call, household=application.household, on=on,
                            isee=declared_isee(application))
    if facts is None:  # the tenancy ended: nothing is due
        facts = rules.Household(rent_band="", tenancy_start=on, arrears=rules.ZERO,
                                repayment_plan=False)
    return rules.evaluate(facts, call.params_at(on), season=call.season, on=on)


def new_decision(application, outcome: rules.Outcome, *, kind, actor, note="", on=None,
                 amount=None) -> Decision:
    """An unsaved decision with the rule's facts, for `grant` or a rejection."""
    decision = Decision(application=application, kind=kind, note=(note or "").strip(),
                        decided_by=user_or_none(actor), decided_by_label=actor_label_for(actor),
                        amount_eur=outcome.amount if amount is None else amount)
    decision.store_outcome(outcome, on=on or reference_date(application))
    return decision


# --- Segregation of duties --------------------------------------------------------------------

# Lazy: translated when shown, in the reader's language, not once at import.
CONFLICT_MESSAGES = {
    controls.Conflict.FILED_AT_DESK: gettext_lazy("You filed this application at the desk: a "
                                                  "different person must decide it."),
    controls.Conflict.OWN_DECISION: gettext_lazy("You made this decision: a different person "
                                                 "must confirm it."),
    controls.Conflict.TOOK_PART: gettext_lazy("You took part in a decision on this "
                                              "application: a different officer must decide "
                                              "the appeal."),
}


def participation(application) -> controls.Participation:
    decisions = list(application.decisions.values_list("decided_by_id", "confirmed_by_id",
                                                       "state"))
    pending = next((decider for decider, _confirmer, state in decisions
                    if state == DecisionState.PENDING), None)
    return controls.Participation(
        filed_at_desk_by=(application.submitted_by_id
                          if application.channel == Channel.ASSISTED else None),
        deciders=frozenset(d for d, _c, _s in decisions if d is not None),
        confirmers=frozenset(c for _d, c, _s in decisions if c is not None),
        pending_decided_by=pending)


def duty_conflict(application, user, duty) -> controls.Conflict | None:
    return controls.duty_conflict(duty, getattr(user, "pk", None), participation(application))


def check_duty(application, user, duty):
    """Refuse (PermissionDenied, with the reason in words) a duty the user may not perform on
    this application: their role lacks it, or they took part where they must not."""
    capability = {controls.Duty.DECIDE: "energy.review",
                  controls.Duty.DECIDE_APPEAL: "energy.review",
                  controls.Duty.CONFIRM: "energy.confirm"}[duty]
    if user is not None and not isinstance(user, str) and not can(user, capability):
        raise PermissionDenied(_("Your role cannot do this."))
    conflict = duty_conflict(application, user, duty)
    if conflict is not None:
        raise PermissionDenied(CONFLICT_MESSAGES[conflict])


# --- Money: the one path ----------------------------------------------------------------------

def already_confirmed(application) -> Decimal:
    """The largest amount a second person has confirmed for this application."""
    return (application.decisions.filter(confirmed_by__isnull=False)
            .aggregate(top=Max("amount_eur"))["top"]) or rules.ZERO


def pending_decision(application) -> Decision | None:
    """The decision waiting for a second person's confirmation, or None."""
    return (application.decisions.filter(state=DecisionState.PENDING)
            .order_by("-decided_at", "-id").first())


def _decision_notice(decision, application) -> Notice:
    return Notice("decision", {"outcome": decision.outcome, "amount_eur": decision.amount_eur,
                               "reasons": reason_labels(decision.reasons),
                               "note": decision.note})


def grant(application, decision, *, actor, when_short=WAITLIST, announce=True) -> Decision:
    """Commit the unsaved `decision`'s amount (the application's new total), with the call and
    the application locked. Above the threshold an increase waits for a second person (the
    decision is saved pending, a first approval waits in "awaiting confirmation"); otherwise
    `_commit`. `announce`: the status change carries the decision's message (False when the
    caller sends its own, as a recomputation or an appeal does)."""
    call = application.call
    previous = application.approved_amount_eur
    decision.previous_amount_eur = previous
    if controls.four_eyes_required(decision.amount_eur, previous=previous,
                                   threshold=call.four_eyes_above_eur,
                                   already_confirmed=already_confirmed(application)):
        decision.outcome, decision.state = S.APPROVED, DecisionState.PENDING
        decision.save()
        if application.status in (S.SUBMITTED, S.UNDER_REVIEW, S.WAITLISTED, S.REJECTED):
            workflow.transition(application, S.AWAITING_CONFIRMATION, actor=actor,
                                decision=decision, reason=decision.note,
                                audit_changes={"amount_eur": str(decision.amount_eur)})
        else:  # an increase of an approved amount: the application stays as it is meanwhile
            audit_record(actor=actor, action=AuditAction.UPDATE, target=application,
                         changes={"pending_amount_eur": [str(previous),
                                                         str(decision.amount_eur)],
                                  "decision": decision.pk},
                         note="increase awaiting confirmation")
        return decision
    return _commit(application, decision, actor=actor, when_short=when_short,
                   announce=announce)


def _commit(application, decision, *, actor, when_short, announce) -> Decision:
    """Commit `decision` (four eyes already satisfied) under the call lock: the budget check,
    the ledger, the amount and the status, or the waiting list when the budget left does not
    cover a first approval (`when_short`: WAITLIST; KEEP the old amount, as a recomputation
    does; REFUSE with a message, as an appeal does)."""
    call = budget.lock_call(application.call_id)  # fresh, under the lock
    application.call = call
    amount = decision.amount_eur
    increase = budget.increase_needed(application, amount)
    if not controls.fits_budget(increase, left=budget.budget_left(call)):
        left = format_euro(budget.budget_left(call))
        if when_short == WAITLIST and application.status != S.WAITLISTED:
            decision.outcome, decision.state = S.WAITLISTED, DecisionState.EFFECTIVE
            decision.note = "\n".join(filter(None, [decision.note, _(
                "The budget left (%(left)s) does not cover %(amount)s: the application is on "
                "the waiting list.") % {"left": left, "amount": format_euro(amount)}]))
            decision.save()
            workflow.transition(application, S.WAITLISTED, actor=actor, decision=decision,
                                reason=decision.note,
                                notice=_decision_notice(decision, application)
                                if announce else None,
                                audit_changes={"budget_left_eur": str(budget.budget_left(call)),
                                               "amount_eur": str(amount)})
            return decision
        if when_short == KEEP:
            wanted = amount
            decision.amount_eur = application.approved_amount_eur
            decision.outcome, decision.state = S.APPROVED, DecisionState.EFFECTIVE
            decision.note = "\n".join(filter(None, [decision.note, _(
                "The contribution would rise to %(wanted)s, but the budget left (%(left)s) "
                "does not cover the increase: the amount stays %(amount)s.") % {
                "wanted": format_euro(wanted), "left": left,
                "amount": format_euro(decision.amount_eur)}]))
            decision.save()
            return decision
        raise ValidationError(_(
            "The budget left (%(left)s) does not cover %(amount)s. Dismiss the appeal, "
            "explaining why, or wait for budget to be released.") % {
            "left": left, "amount": format_euro(amount)})

    old_amount = application.approved_amount_eur
    decision.outcome = S.APPROVED if amount > 0 else S.REJECTED
    decision.state = DecisionState.EFFECTIVE
    decision.save()
    move = budget.settle(call, application, decision, amount)
    application.approved_amount_eur = amount
    application.save(update_fields=["approved_amount_eur", "updated_at"])
    paid = budget.net_paid(application)
    _record_overpayment(application, decision, paid=paid, amount=amount)
    target = _status_after(application.status, amount=amount, paid=paid)
    changes = {"approved_amount_eur": [str(old_amount), str(amount)],
               "committed_eur": str(call.committed_eur), "ledger_eur": str(move)}
    if target != application.status:
        workflow.transition(application, target, actor=actor, decision=decision,
                            reason=decision.note,
                            notice=_decision_notice(decision, application) if announce
                            else None, audit_changes=changes)
    else:
        audit_record(actor=actor, action=AuditAction.UPDATE, target=application,
                     changes={**changes, "decision": decision.pk},
                     note=f"{decision.kind} {decision.pk}")
    return decision


def _status_after(status, *, amount, paid) -> str:
    """Where a committed amount leaves the application: approved while something is owed,
    paid when a confirmed run already paid it all, rejected when nothing is due and nothing
    was paid."""
    if amount <= 0:
        return S.REJECTED if paid <= 0 and status != S.PAID else status
    if status == S.PAID and amount <= paid:
        return S.PAID
    return S.APPROVED


def _record_overpayment(application, decision, *, paid, amount):
    """A lower amount than was already paid is an overpayment to recover, said in the
    decision's note. By bank transfer it goes to the billing office's recovery list; a bill
    credit is adjusted by the next payment run instead."""
    from .models import PaymentMethod, Recovery, RecoveryState
    from .payments import payment_method

    if paid <= amount:
        return
    decision.note = "\n".join(filter(None, [decision.note, _(
        "%(paid)s were already paid: the overpayment of %(recover)s is to be recovered and "
        "stays committed until then.") % {"paid": format_euro(paid),
                                           "recover": format_euro(paid - amount)}]))
    decision.save(update_fields=["note"])
    if payment_method(application.iban) != PaymentMethod.TRANSFER:
        return
    open_total = sum((r.amount_eur for r in application.recoveries.filter(
        state=RecoveryState.OPEN)), rules.ZERO)
    to_recover = paid - amount - open_total
    if to_recover > 0:
        Recovery.objects.create(application=application, decision=decision,
                                amount_eur=to_recover, method=PaymentMethod.TRANSFER)


# --- Review steps -----------------------------------------------------------------------------

@transaction.atomic
def application_start_review(*, application, acting_user) -> Application:
    """An officer takes the application up (also after the tenant's answer)."""
    application = lock(application, call=False)
    if application.status not in (S.SUBMITTED, S.NEEDS_INFORMATION):
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: its review cannot start now.") % {
            "protocol": application.protocol, "current": application.get_status_display()})
    workflow.transition(application, S.UNDER_REVIEW, actor=acting_user)
    return application


@transaction.atomic
def application_request_information(*, application, message, acting_user) -> Application:
    """Ask the tenant for something missing: the application waits for their answer. The
    request's text and which ISEE declaration would change the outcome are kept in the
    history and sent in the message."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write what the tenant must send.")})
    application = lock(application, call=False)
    wanted = isee_wanted(application)
    workflow.transition(application, S.NEEDS_INFORMATION, actor=acting_user, reason=message,
                        details={"isee_wanted": wanted},
                        notice=Notice("information_request",
                                      {"message": message, "isee_wanted": wanted}))
    return application


def isee_wanted(application) -> dict | None:
    """Which ISEE declaration would change the outcome, when the ISEE is what stands in the
    way (as plain values for the history and the message); None otherwise."""
    on = timezone.localdate()
    call = application.call
    facts = household_facts(call=call, household=application.household, on=on,
                            isee=declared_isee(application))
    if facts is None:
        return None
    try:
        params = call.params_at(reference_date(application))
    except rules.MissingParameter:
        return None
    wanted = rules.isee_wanted(facts.isee, params, on)
    return {"on": wanted.on.isoformat(), "kinds": list(wanted.kinds),
            "low": str(wanted.low), "high": str(wanted.high),
            "ordinario_issued_after": (wanted.ordinario_issued_after.isoformat()
                                       if wanted.ordinario_issued_after else None),
            "corrente_issued_after": (wanted.corrente_issued_after.isoformat()
                                      if wanted.corrente_issued_after else None)}


@transaction.atomic
def application_decide(*, application, approve: bool, note="", acting_user) -> Decision:
    """The officer's decision, with the rule worked out again and its facts stored.

    Rejecting needs reasons: the rule's, or the officer's note. Approving an application the
    rule finds ineligible is refused. An approval goes through `grant`: above the call's
    threshold it waits for an approver; otherwise the amount is committed now, or the
    application waits on the list when the budget left does not cover it."""
    note = (note or "").strip()
    application = lock(application)
    check_duty(application, acting_user, controls.Duty.DECIDE)
    if application.status not in DECIDABLE:
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: only a submitted application or one "
            "under review can be decided.") % {"protocol": application.protocol,
                                               "current": application.get_status_display()})
    outcome = evaluate_application(application)
    if not approve:
        if not outcome.reasons and not note:
            raise ValidationError({"note": _(
                "The rule finds the application eligible: write the reasons for rejecting "
                "it.")})
        decision = new_decision(application, outcome, kind=DecisionKind.DECISION,
                                actor=acting_user, note=note, amount=rules.ZERO)
        decision.outcome = S.REJECTED
        decision.save()
        workflow.transition(application, S.REJECTED, actor=acting_user, decision=decision,
                            reason=note, notice=_decision_notice(decision, application),
                            audit_changes={"reasons": ";".join(outcome.reasons)})
        return decision
    if not outcome.eligible:
        raise ValidationError(_(
            "The rule finds this application not eligible (%(reasons)s): it cannot be "
            "approved. Reject it, or ask the tenant for the missing information.") % {
            "reasons": ", ".join(str(label) for label in reason_labels(outcome.reasons))})
    decision = new_decision(application, outcome, kind=DecisionKind.DECISION,
                            actor=acting_user, note=note)
    return grant(application, decision, actor=acting_user)


@transaction.atomic
def application_confirm(*, application, acting_user) -> Decision:
    """The second person's confirmation of a pending decision: someone with the approver role
    who neither made it nor filed the application at the desk. The rule is worked out again
    on the register as it is now: if it no longer gives the same amount, nothing is committed
    and the decision must go back to the officer. Otherwise the amount is committed (or the
    application waits on the list when the budget left no longer covers it)."""
    application = lock(application)
    decision = pending_decision(application)
    if decision is None:
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: there is nothing to confirm.") % {
            "protocol": application.protocol, "current": application.get_status_display()})
    check_duty(application, acting_user, controls.Duty.CONFIRM)
    outcome = evaluate_application(application, on=decision.reference_on)
    if not outcome.eligible or outcome.amount != decision.amount_eur:
        raise ValidationError(_(
            "The register changed since this decision: the rule now gives %(amount)s "
            "%(reasons)s instead of %(decided)s. Nothing was committed: send the decision "
            "back, so that the officer decides again.") % {
            "amount": format_euro(outcome.amount),
            "reasons": "({})".format(", ".join(str(label) for label in reason_labels(
                outcome.reasons))) if outcome.reasons else "",
            "decided": format_euro(decision.amount_eur)})
    decision.confirmed_by = acting_user
    decision.confirmed_at = timezone.now()
    decision.save(update_fields=["confirmed_by", "confirmed_at"])
    status_before = application.status
    result = _commit(application, decision, actor=acting_user,
                     when_short=WAITLIST if status_before == S.AWAITING_CONFIRMATION else KEEP,
                     announce=True)
    if application.status == status_before and result.amount_eur != result.previous_amount_eur:
        # An increase of an approved amount: no status change carried the news.
        workflow.notify_tenant("amount_confirmed", application, actor=acting_user,
                               key=f"energy.amount_confirmed:{result.pk}",
                               amount_eur=result.amount_eur,
                               old_amount_eur=result.previous_amount_eur)
    return result


@transaction.atomic
def application_send_back(*, application, note="", acting_user) -> Application:
    """The decision waiting for confirmation goes back without it: a first approval returns to
    the officer's review; a pending increase is dropped and the amount stays as it was."""
    application = lock(application, call=False)
    decision = pending_decision(application)
    if decision is None:
        raise TransitionError(_("There is no decision waiting for confirmation."))
    if not (can(acting_user, "energy.confirm") or can(acting_user, "energy.review")):
        raise PermissionDenied(_("Your role cannot do this."))
    decision.state = DecisionState.WITHDRAWN
    decision.save(update_fields=["state"])
    note = (note or "").strip()
    if application.status == S.AWAITING_CONFIRMATION:
        workflow.transition(application, S.UNDER_REVIEW, actor=acting_user, decision=decision,
                            reason=note or _("Sent back without confirmation."))
    else:
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=application,
                     changes={"decision": decision.pk, "state": [DecisionState.PENDING,
                                                                 DecisionState.WITHDRAWN]},
                     note="increase sent back")
    return application


# --- The waiting list -------------------------------------------------------------------------

@transaction.atomic
def allocate_waitlist(*, call, acting_user) -> list[Application]:
    """Approve waiting applications in the call's ranking while the budget left covers the next
    one (controls.allocate: strict, an ineligible one is skipped). Each is worked out again on
    the register as it is now and goes through `grant`, four eyes included. Returns the
    applications granted (some may wait for confirmation)."""
    call = budget.lock_call(call.pk)
    ranked = waitlist.ranked(call)
    outcomes = {}

    def candidates():  # worked out one by one: the allocation stops at the first that won't fit
        for application in ranked:
            outcome = outcomes[application.pk] = evaluate_application(application)
            yield controls.Candidate(application.pk, outcome.eligible, outcome.amount)

    chosen = set(controls.allocate(candidates(), left=budget.budget_left(call)))
    granted = []
    with waitlist.batch():
        for application in ranked:
            if application.pk not in chosen:
                continue
            application = lock(application, call=False)
            decision = new_decision(
                application, outcomes[application.pk], kind=DecisionKind.WAITING_LIST,
                actor=acting_user,
                note=_("Approved from the waiting list as budget became available."))
            grant(application, decision, actor=acting_user, when_short=KEEP)
            granted.append(application)
    return granted
