"""Reviewing applications: starting the review, asking the tenant for information, deciding
with reasons, the second person's confirmation above the call's threshold, the budget ledger,
the waiting list and the recomputation of decisions when actual heating costs arrive.

Every write takes the acting user, goes into the audit trail and tells the tenant through
notify() in the same transaction. Budget changes lock the call's row first (the one lock
order of this module: call, then application), check that the amount still fits, then write
a BudgetEntry and update `Call.committed_eur` in the transaction of the decision, so that
concurrent approvals never commit more than the budget.

The building blocks (lock_application, move_status, budget_left, ledger_move,
final_approval, audit_application, notify_tenant) are public: appeals.py decides through the
same ones, so there is one budget path.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import can
from casa.core.audit import AuditAction, audit_record, user_or_none
from casa.core.models import AuditEvent
from casa.core.templatetags.casa import euro

from . import rules
from .applying import DeclaredIsee, household_facts
from .models import (
    Application,
    ApplicationStatus,
    BudgetEntry,
    Call,
    Decision,
    DecisionKind,
)

S = ApplicationStatus
# Statuses from which an officer takes the first decision.
DECIDABLE = (S.SUBMITTED, S.UNDER_REVIEW)
# Statuses whose amount is committed against the budget, and recomputed on actual costs.
COMMITTED = (S.APPROVED, S.PAID)
# Audit note of a request for information: the selector finds the latest request by it.
INFORMATION_REQUEST = "information request"


class TransitionError(ValidationError):
    """A status change the workflow (models.ALLOWED_TRANSITIONS) does not allow."""


def move_status(application, status):
    if not application.can_move_to(status):
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: it cannot become “%(new)s”.") % {
            "protocol": application.protocol,
            "current": application.get_status_display(),
            "new": S(status).label})
    old = application.status
    application.status = status
    return old


def lock_application(application, *, call=True):
    """The call (locked first) and the application, re-read under a row lock."""
    if call:
        Call.objects.select_for_update().filter(pk=application.call_id).first()
    # of=("self",): a FOR UPDATE over the join would lock the call row too, in any order.
    return (Application.objects.select_for_update(of=("self",))
            .select_related("call", "household").get(pk=application.pk))


def _link(application):
    return settings.SITE_URL + reverse("energy:my_application", args=[application.call.code])


def notify_tenant(kind, application, *, actor, key, **context):
    from casa.notifications.services import notify

    notify(kind=f"energy.{kind}", household=application.household,
           context={"protocol": application.protocol, "call_title": application.call.title,
                    **context},
           link=_link(application), key=key, actor=actor)


def audit_application(application, *, actor, old_status, changes=None, note=""):
    changes = dict(changes or {})
    if old_status != application.status:
        changes["status"] = [old_status, application.status]
    audit_record(actor=actor, action=AuditAction.UPDATE, target=application, changes=changes,
                 note=note)


# --- The rule for one application -----------------------------------------------------------

def reference_date(application) -> dt.date:
    """The date the rule is worked out on: the date of the outcome the tenant was shown (the
    submission, or their answer to a request for information)."""
    for step in application.trace or ():
        on = step.get("inputs", {}).get("on")
        if on:
            return dt.date.fromisoformat(on)
    return timezone.localdate(application.submitted_at)


def _declared(application):
    if not application.isee_kind or application.isee_eur is None:
        return None
    return DeclaredIsee(application.isee_kind, application.isee_eur, application.dsu_protocol,
                        application.isee_issued_on, application.isee_valid_until)


def evaluate_application(application, *, on: dt.date | None = None) -> rules.Outcome:
    """The rule for the application: the household's facts from the register today (charges
    included, actual costs when known) plus the ISEE the tenant declared, on `on` (default:
    reference_date)."""
    on = on or reference_date(application)
    call = application.call
    facts = household_facts(call=call, household=application.household, on=on,
                            isee=_declared(application))
    if facts is None:  # the tenancy ended: nothing is due
        facts = rules.Household(rent_band="", tenancy_start=on, arrears=rules.ZERO,
                                repayment_plan=False)
    return rules.evaluate(facts, call.params_at(on), season=call.season, on=on)


# --- The budget -----------------------------------------------------------------------------

def budget_left(call):
    return call.budget_eur - call.committed_eur


def ledger_move(call, application, decision, amount):
    """Move `amount` (negative: release) through the ledger; the call row must be locked."""
    if not amount:
        return
    BudgetEntry.objects.create(call=call, application=application, decision=decision,
                               amount_eur=amount)
    Call.objects.filter(pk=call.pk).update(committed_eur=F("committed_eur") + amount)
    call.refresh_from_db(fields=["committed_eur"])


def final_approval(application, *, amount, decision, actor):
    """Commit `amount` for an application whose approval is final, or put it on the waiting
    list when it does not fit. The call row must be locked. `decision` is the approval: saved
    here when new; when already saved (a confirmed approval) and the amount does not fit, a
    waiting-list decision follows it. Returns the decision that holds the outcome."""
    call = Call.objects.get(pk=application.call_id)  # fresh, under the lock
    application.call = call
    if amount <= budget_left(call):
        decision.outcome, decision.amount_eur = S.APPROVED, amount
        decision.save()
        old = move_status(application, S.APPROVED)
        application.approved_amount_eur = amount
        application.save(update_fields=["status", "approved_amount_eur", "updated_at"])
        ledger_move(call, application, decision, amount)
        audit_application(application, actor=actor, old_status=old,
               changes={"approved_amount_eur": ["0.00", str(amount)],
                        "committed_eur": str(call.committed_eur)},
               note=f"decision {decision.pk}")
        notify_tenant("decision", application, actor=actor, key=f"energy.decision:{decision.pk}",
                outcome=S.APPROVED, amount_eur=amount, reasons=[], note=decision.note)
        return decision
    waiting_note = _("The budget left (%(left)s) does not cover %(amount)s: the application is "
                     "on the waiting list.") % {"left": euro(budget_left(call)),
                                                "amount": euro(amount)}
    if decision.pk is None:
        decision.outcome, decision.amount_eur = S.WAITLISTED, amount
        decision.note = "\n".join(filter(None, [decision.note, waiting_note]))
        decision.save()
        waiting = decision
    else:
        waiting = Decision.objects.create(
            application=application, kind=DecisionKind.DECISION, outcome=S.WAITLISTED,
            amount_eur=amount, reasons=decision.reasons, trace=decision.trace,
            evaluated_on=decision.evaluated_on, decided_by=user_or_none(actor),
            note=waiting_note)
    old = move_status(application, S.WAITLISTED)
    application.save(update_fields=["status", "updated_at"])
    audit_application(application, actor=actor, old_status=old,
           changes={"budget_left_eur": str(budget_left(call)), "amount_eur": str(amount)},
           note=f"decision {waiting.pk}")
    notify_tenant("decision", application, actor=actor, key=f"energy.decision:{waiting.pk}",
            outcome=S.WAITLISTED, amount_eur=amount, reasons=[], note="")
    return waiting


# --- Review steps ---------------------------------------------------------------------------

@transaction.atomic
def application_start_review(*, application, acting_user) -> Application:
    """An officer takes the application up (also after the tenant's answer, or when an
    approver sends an approval back)."""
    application = lock_application(application, call=False)
    if application.status not in (S.SUBMITTED, S.NEEDS_INFORMATION,
                                  S.AWAITING_CONFIRMATION):
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: its review cannot start now.") % {
            "protocol": application.protocol, "current": application.get_status_display()})
    old = move_status(application, S.UNDER_REVIEW)
    application.save(update_fields=["status", "updated_at"])
    audit_application(application, actor=acting_user, old_status=old)
    return application


@transaction.atomic
def application_request_information(*, application, message, acting_user) -> Application:
    """Ask the tenant for something missing (a newer ISEE, an IBAN): the application waits
    for their answer. The request's text is kept in the audit trail and in the message."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write what the tenant must send.")})
    application = lock_application(application, call=False)
    old = move_status(application, S.NEEDS_INFORMATION)
    application.save(update_fields=["status", "updated_at"])
    event = audit_record(actor=acting_user, action=AuditAction.UPDATE, target=application,
                         changes={"status": [old, application.status], "message": message},
                         note=INFORMATION_REQUEST)
    notify_tenant("information_request", application, actor=acting_user,
            key=f"energy.information_request:{event.pk}", message=message)
    return application


def latest_information_request(application):
    """(text, asked at, asked by) of the latest request for information, or None."""
    event = (AuditEvent.objects.filter(target_type=Application._meta.label_lower,
                                       target_id=application.protocol,
                                       note=INFORMATION_REQUEST)
             .order_by("-at", "-id").first()) if application.protocol else None
    if event is None:
        return None
    return event.changes.get("message", ""), event.at, event.actor_label


@transaction.atomic
def application_decide(*, application, approve: bool, note="", acting_user,
                       on: dt.date | None = None) -> Decision:
    """The officer's decision, with the rule worked out again and stored with its trace.

    Rejecting needs reasons: the rule's, or the officer's note. Approving an application the
    rule finds ineligible is refused. An approval above the call's `four_eyes_above_eur` waits
    for an approver's confirmation (application_confirm); below it, the amount is committed
    now, or the application goes on the waiting list when the budget left does not cover it.
    """
    note = (note or "").strip()
    application = lock_application(application)
    if application.status not in DECIDABLE:
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: only a submitted application or one "
            "under review can be decided.") % {"protocol": application.protocol,
                                               "current": application.get_status_display()})
    on = on or reference_date(application)
    outcome = evaluate_application(application, on=on)
    decision = Decision(application=application, kind=DecisionKind.DECISION,
                        reasons=list(outcome.reasons), trace=list(outcome.trace),
                        evaluated_on=on, note=note, decided_by=user_or_none(acting_user))
    if not approve:
        if not outcome.reasons and not note:
            raise ValidationError({"note": _(
                "The rule finds the application eligible: write the reasons for rejecting "
                "it.")})
        old = move_status(application, S.REJECTED)
        decision.outcome, decision.amount_eur = S.REJECTED, rules.ZERO
        decision.save()
        application.save(update_fields=["status", "updated_at"])
        audit_application(application, actor=acting_user, old_status=old,
               changes={"reasons": ";".join(outcome.reasons)}, note=f"decision {decision.pk}")
        notify_tenant("decision", application, actor=acting_user,
                key=f"energy.decision:{decision.pk}", outcome=S.REJECTED,
                amount_eur=rules.ZERO, reasons=reason_labels(outcome.reasons), note=note)
        return decision

    if not outcome.eligible:
        raise ValidationError(_(
            "The rule finds this application not eligible (%(reasons)s): it cannot be "
            "approved. Reject it, or ask the tenant for the missing information.") % {
            "reasons": ", ".join(str(label) for label in reason_labels(outcome.reasons))})
    return approve_amount(application, amount=outcome.amount, decision=decision,
                          actor=acting_user)


def approve_amount(application, *, amount, decision, actor):
    """Approve `amount` with the unsaved `decision` (a first decision, or one on appeal): above
    the call's `four_eyes_above_eur` it waits for an approver's confirmation, otherwise it is
    committed now or put on the waiting list. The call row must be locked."""
    if amount > application.call.four_eyes_above_eur:
        decision.outcome, decision.amount_eur = S.APPROVED, amount
        decision.save()
        old = move_status(application, S.AWAITING_CONFIRMATION)
        application.save(update_fields=["status", "updated_at"])
        audit_application(application, actor=actor, old_status=old,
               changes={"amount_eur": str(amount)}, note=f"decision {decision.pk}")
        return decision
    return final_approval(application, amount=amount, decision=decision, actor=actor)


def pending_decision(application):
    """The approval waiting for a second person's confirmation, or None."""
    if application.status != S.AWAITING_CONFIRMATION:
        return None
    return (application.decisions.filter(outcome=S.APPROVED, confirmed_by__isnull=True,
                                         kind__in=(DecisionKind.DECISION, DecisionKind.APPEAL))
            .order_by("-decided_at", "-id").first())


@transaction.atomic
def application_confirm(*, application, acting_user) -> Application:
    """The approver's confirmation of an approval above the threshold, by someone other than
    the officer who decided. The amount is committed now (or the application waits on the
    list when the budget left does not cover it)."""
    if not can(acting_user, "energy.confirm"):
        raise PermissionDenied(_("Only an approver can confirm an approval."))
    application = lock_application(application)
    decision = pending_decision(application)
    if decision is None:
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: there is no approval to confirm.") % {
            "protocol": application.protocol, "current": application.get_status_display()})
    if decision.decided_by_id == getattr(acting_user, "pk", None):
        raise PermissionDenied(_(
            "You decided this approval: a different person must confirm it."))
    decision.confirmed_by = acting_user
    decision.confirmed_at = timezone.now()
    decision.save(update_fields=["confirmed_by", "confirmed_at"])
    final_approval(application, amount=decision.amount_eur, decision=decision,
                    actor=acting_user)
    return application


# --- The waiting list -----------------------------------------------------------------------

def _ranking_key(rule):
    def key(item):
        application, outcome = item
        if rule == "isee_ascending":
            isee = outcome.isee.value if outcome.isee else Decimal("Infinity")
            return (isee, application.submitted_at, application.pk)
        return (application.submitted_at, application.pk)
    return key


def waiting_list(call, *, on: dt.date | None = None):
    """[(application, outcome)] of the call's waiting list in its allocation order: lowest
    ISEE first (ties by submission) or by submission, as the call's `allocation_rule` says."""
    on = on or timezone.localdate()
    try:
        rule = call.params_at(on).allocation_rule
    except rules.MissingParameter:  # no value in force today: first come, first served
        rule = "submission_order"
    waiting = (Application.objects.filter(call=call, status=S.WAITLISTED)
               .select_related("call", "household"))
    items = [(application, evaluate_application(application)) for application in waiting]
    return sorted(items, key=_ranking_key(rule))


def waiting_list_position(application):
    """1 for the first on the waiting list; None when not on it."""
    if application.status != S.WAITLISTED:
        return None
    for position, (item, _outcome) in enumerate(waiting_list(application.call), start=1):
        if item.pk == application.pk:
            return position
    return None


@transaction.atomic
def allocate_waitlist(*, call, acting_user) -> list[Application]:
    """Approve waiting applications in the call's allocation order while the budget left
    covers the next one. The ranking is strict: when the next one does not fit, the ones
    after it wait too. Returns the applications approved."""
    Call.objects.select_for_update().filter(pk=call.pk).first()
    call = Call.objects.get(pk=call.pk)
    approved = []
    for application, outcome in waiting_list(call):
        if not outcome.eligible:
            continue  # left for an officer: the facts changed since it was put on the list
        if outcome.amount > budget_left(call):
            break
        application = lock_application(application, call=False)
        decision = Decision(
            application=application, kind=DecisionKind.DECISION,
            reasons=list(outcome.reasons), trace=list(outcome.trace),
            evaluated_on=reference_date(application), decided_by=user_or_none(acting_user),
            note=_("Approved from the waiting list as budget became available."))
        final_approval(application, amount=outcome.amount, decision=decision,
                        actor=acting_user)
        call.refresh_from_db(fields=["committed_eur"])
        approved.append(application)
    return approved


# --- Recomputation on actual costs ----------------------------------------------------------

@dataclass(frozen=True)
class Recomputed:
    application: Application
    old_amount: Decimal
    new_amount: Decimal
    increase_refused: bool


def _cost_base(trace):
    for step in trace or ():
        if step.get("check") == rules.NO_HEATING_COSTS:
            return step.get("inputs", {}).get("cost_base_eur"), step.get("inputs", {}).get(
                "basis")
    return None, None


def _last_cost_base(application):
    latest = (application.decisions.exclude(outcome=S.WAITLISTED)
              .order_by("-decided_at", "-id").first())
    return _cost_base(latest.trace if latest else application.trace)


@transaction.atomic
def recompute_household(*, household, acting_user, allocate=True) -> list[Recomputed]:
    """Work out again the approved (and paid) applications of `household` whose season's cost
    base changed (actual costs replacing the estimate): a recomputation decision each, the
    difference through the budget ledger, a message to the tenant. An increase is committed
    only when the budget left covers it all; otherwise the old amount stays and the decision's
    note says so. A decrease releases budget, which goes to the waiting list (unless
    `allocate` is False: the caller then runs allocate_waitlist once for many households)."""
    results = []
    calls_released = set()
    applications = list(Application.objects.filter(household=household, status__in=COMMITTED)
                        .order_by("call_id", "pk"))
    for application in applications:
        application = lock_application(application)
        if application.status not in COMMITTED:
            continue
        on = reference_date(application)
        outcome = evaluate_application(application, on=on)
        old_base, old_basis = _last_cost_base(application)
        new_base, new_basis = _cost_base(outcome.trace)
        if (old_base, old_basis) == (new_base, new_basis):
            continue
        call = Call.objects.get(pk=application.call_id)
        old_amount = application.approved_amount_eur
        new_amount = outcome.amount
        difference = new_amount - old_amount
        refused = difference > 0 and difference > budget_left(call)
        note = ""
        if refused:
            new_amount, difference = old_amount, rules.ZERO
            note = _("The actual costs raise the contribution to %(wanted)s, but the budget "
                     "left (%(left)s) does not cover the increase: the amount stays "
                     "%(amount)s.") % {"wanted": euro(outcome.amount),
                                       "left": euro(budget_left(call)),
                                       "amount": euro(old_amount)}
        # Money already paid stays committed: a decrease below it is recorded as an
        # overpayment to recover, never released to other households.
        paid = application.payment_lines.aggregate(total=Sum("amount_eur"))["total"] or rules.ZERO
        to_recover = max(paid - new_amount, rules.ZERO)
        if to_recover:
            difference = max(new_amount, paid) - old_amount
            note = "\n".join(filter(None, [note, _(
                "%(paid)s were already paid: the overpayment of %(recover)s is to be recovered "
                "and stays committed until then.") % {"paid": euro(paid),
                                                       "recover": euro(to_recover)}]))
        keeps = application.status == S.PAID or new_amount > 0
        decision = Decision.objects.create(
            application=application, kind=DecisionKind.RECOMPUTATION,
            outcome=application.status if keeps else S.REJECTED, amount_eur=new_amount,
            reasons=list(outcome.reasons), trace=list(outcome.trace), evaluated_on=on,
            note=note, decided_by=user_or_none(acting_user))
        ledger_move(call, application, decision, difference)
        old_status = application.status
        if not keeps:
            move_status(application, S.REJECTED)
        application.approved_amount_eur = new_amount
        application.save(update_fields=["status", "approved_amount_eur", "updated_at"])
        audit_application(application, actor=acting_user, old_status=old_status,
               changes={"approved_amount_eur": [str(old_amount), str(new_amount)],
                        "cost_base_eur": [old_base, new_base], "basis": [old_basis, new_basis],
                        "committed_eur": str(call.committed_eur),
                        "to_recover_eur": str(to_recover)},
               note=f"recomputation {decision.pk}")
        notify_tenant("recomputation", application, actor=acting_user,
                key=f"energy.recomputation:{decision.pk}", old_amount_eur=old_amount,
                amount_eur=new_amount, wanted_amount_eur=outcome.amount,
                increase_refused=refused, basis=new_basis or "")
        if difference < 0:
            calls_released.add(call.pk)
        results.append(Recomputed(application, old_amount, new_amount, refused))
    if allocate:
        for call in Call.objects.filter(pk__in=calls_released):
            allocate_waitlist(call=call, acting_user=acting_user)
    return results


def reason_labels(reasons):
    from .explain import REASON_LABELS

    return [REASON_LABELS.get(code, code) for code in reasons]


def on_heating_charges_changed(sender, *, household_ids, actor=None, **kwargs):
    """Receiver of registry.signals.heating_charges_changed (connected in apps.py), sent once
    an import has committed: queue the recomputation of the households among them that have
    an approved or paid application."""
    from .tasks import recompute_households

    affected = set()
    ids = list(household_ids)
    for start in range(0, len(ids), 500):
        affected.update(Application.objects.filter(household_id__in=ids[start:start + 500],
                                                   status__in=COMMITTED)
                        .values_list("household_id", flat=True))
    if affected:
        label = actor if isinstance(actor, str) else getattr(actor, "email", "") or "system"
        transaction.on_commit(functools.partial(recompute_households.enqueue,
                                                sorted(affected), label))
