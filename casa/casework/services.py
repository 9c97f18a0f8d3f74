"""Writes for case files: opening a case (which tells the European Social Fund's receivers that
a person was supported), the needs assessment, the plan's actions, the contact log, referrals
and their outcome, the arrears support, handing a case over, closing it, and reminding owners
of overdue actions.

Every write goes through `_case_to_work_on`: the case is read within the acting user's scope
(selectors.case_scope, 404-like PermissionDenied otherwise), its row locked until the
transaction ends, and a closed case refuses changes. Every write goes into the audit trail,
naming the case by its reference only (no personal data, no note)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.accounts.models import Role
from casa.core.access import can
from casa.core.audit import AuditAction, audit_record
from casa.notifications.services import notify
from casa.registry.signals import give_support

from . import rules, selectors
from .models import (
    ActionOwner,
    ArrearsStep,
    CaseFile,
    CaseStatus,
    Contact,
    ContactKind,
    Handover,
    NeedArea,
    NeedAssessment,
    NeedLevel,
    Outcome,
    PlanAction,
    Reason,
    Referral,
    Service,
)

CENT = Decimal("0.01")
MAX_DEBT = Decimal("1e10")  # debt_eur has 12 digits, 2 of them decimals


def _case_to_work_on(case, acting_user, capability="casework.work"):
    """The case's row, locked, if `acting_user` may do this to it; it must be open."""
    if not can(acting_user, capability):
        raise PermissionDenied(_("You cannot work on case files."))
    locked = (selectors.visible_cases(acting_user).select_for_update()
              .filter(pk=case.pk).first())
    if locked is None:
        raise PermissionDenied(_("This case file is not one of your Spazi CASA."))
    if locked.status != CaseStatus.OPEN:
        raise ValidationError(_("This case file is closed: it cannot be changed."))
    return locked


def _text(value, field, *, required=True, limit=rules.TEXT_MAX, errors):
    value = (value or "").strip()
    if required and not value:
        errors[field] = _("This field is required.")
    elif len(value) > limit:
        errors[field] = _("Write at most %(count)s characters.") % {"count": limit}
    return value


def _choice(value, choices, field, message, errors):
    if value not in choices.values:
        errors[field] = message
    return value


def _raise(errors):
    if errors:
        raise ValidationError(errors)


# --- Opening -----------------------------------------------------------------------------------

def case_open(*, household, reason, acting_user, member=None, owner=None, now=None) -> CaseFile:
    """Open a case for `household`, or for `member` (one of its current members), owned by
    `owner` (a Community Manager of the household's hub; the acting Community Manager by
    default). The person supported (the member, or the household's head) is given support at
    the household's hub (registry.signals.give_support), in the same transaction."""
    now = now or timezone.now()
    if not can(acting_user, "casework.work"):
        raise PermissionDenied(_("You cannot work on case files."))
    household = selectors.household_for_opening(acting_user, household.code)
    if household is None:
        raise PermissionDenied(_("This household is not one you follow."))
    hub = household.unit.building.hub
    errors = {}
    _choice(reason, Reason, "reason", _("Choose why the case is opened."), errors)
    if member is not None and not household.members.current().filter(pk=member.pk).exists():
        errors["member"] = _("Choose a current member of this household.")
    owner = owner or acting_user
    if not selectors.case_managers(hub).filter(pk=owner.pk).exists():
        errors["owner"] = _("Choose a Community Manager of this Spazio CASA.")
    _raise(errors)
    with transaction.atomic():
        case = CaseFile.objects.create(household=household, member=member, reason=reason,
                                       opened_at=now, opened_by=acting_user, owner=owner)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=case,
                     note=f"opened, {reason}")
        person = selectors.person_supported(case)
        if person is not None:
            give_support(member=person, hub=hub, on=timezone.localdate(now),
                         source=f"casework:case:{case.pk}", actor=acting_user)
    return case


# --- The assessment and the plan ---------------------------------------------------------------

def case_assess(*, case, needs, summary, acting_user, now=None) -> CaseFile:
    """Record the needs assessment: `needs` {area: level} for the areas assessed, and a free
    summary. A new assessment replaces the previous one's levels."""
    errors = {}
    summary = _text(summary, "summary", required=False, errors=errors)
    needs = {area: level for area, level in (needs or {}).items() if level}
    for area, level in needs.items():
        if area not in NeedArea.values or level not in NeedLevel.values:
            errors["needs"] = _("Choose a level for each area of need.")
    if not needs and not summary:
        errors["summary"] = _("Assess at least one area of need, or write a summary.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        case.needs.all().delete()
        NeedAssessment.objects.bulk_create([NeedAssessment(case=case, area=area, level=level)
                                            for area, level in needs.items()])
        case.assessment_summary = summary
        case.assessed_at = now or timezone.now()
        case.save(update_fields=["assessment_summary", "assessed_at"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note="needs assessed", changes={"areas": sorted(needs)})
    return case


def action_add(*, case, text, due_on, owner_kind, for_tenant, acting_user, now=None):
    now = now or timezone.now()
    errors = {}
    text = _text(text, "text", limit=rules.SHORT_MAX, errors=errors)
    _choice(owner_kind, ActionOwner, "owner_kind", _("Choose who does it."), errors)
    if not isinstance(due_on, dt.date):
        errors["due_on"] = _("Enter the day it is due.")
    elif due_on < timezone.localdate(now) - dt.timedelta(days=365):
        errors["due_on"] = _("The due day is more than a year ago.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        action = PlanAction.objects.create(case=case, text=text, owner_kind=owner_kind,
                                           due_on=due_on, for_tenant=bool(for_tenant),
                                           created_at=now, created_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note=f"plan action {action.pk} added")
    return action


def action_complete(*, action, acting_user, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        case = _case_to_work_on(action.case, acting_user)
        action = PlanAction.objects.select_for_update().get(pk=action.pk, case=case)
        if action.done_at is not None:
            raise ValidationError({"action": _("This action is already done.")})
        action.done_at, action.done_by = now, acting_user
        action.save(update_fields=["done_at", "done_by"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note=f"plan action {action.pk} done")
    return action


# --- Contacts and referrals --------------------------------------------------------------------

def contact_log(*, case, kind, at, notes, acting_user, public_summary="", now=None) -> Contact:
    now = now or timezone.now()
    errors = {}
    _choice(kind, ContactKind, "kind", _("Choose how the contact took place."), errors)
    notes = _text(notes, "notes", errors=errors)
    public_summary = _text(public_summary, "public_summary", required=False,
                           limit=rules.SHORT_MAX, errors=errors)
    if not isinstance(at, dt.datetime):
        errors["at"] = _("Enter when the contact took place.")
    elif at > now + dt.timedelta(minutes=5):
        errors["at"] = _("A contact cannot be in the future.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        contact = Contact.objects.create(case=case, kind=kind, at=at, notes=notes,
                                         public_summary=public_summary, recorded_at=now,
                                         recorded_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note=f"contact {contact.pk} logged ({kind})")
    return contact


def referral_send(*, case, to, sent_on, acting_user, note="") -> Referral:
    errors = {}
    _choice(to, Service, "to", _("Choose the service the case is referred to."), errors)
    note = _text(note, "note", required=False, errors=errors)
    if not isinstance(sent_on, dt.date):
        errors["sent_on"] = _("Enter the day of the referral.")
    elif sent_on > timezone.localdate():
        errors["sent_on"] = _("A referral cannot be in the future.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        referral = Referral.objects.create(case=case, to=to, sent_on=sent_on, note=note,
                                           sent_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note=f"referral {referral.pk} to {to}")
    return referral


def referral_record_outcome(*, referral, outcome, outcome_on, acting_user) -> Referral:
    errors = {}
    outcome = _text(outcome, "outcome", limit=rules.SHORT_MAX, errors=errors)
    if not isinstance(outcome_on, dt.date):
        errors["outcome_on"] = _("Enter the day of the outcome.")
    elif outcome_on < referral.sent_on:
        errors["outcome_on"] = _("The outcome cannot come before the referral.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(referral.case, acting_user)
        referral = Referral.objects.select_for_update().get(pk=referral.pk, case=case)
        referral.outcome, referral.outcome_on = outcome, outcome_on
        referral.save(update_fields=["outcome", "outcome_on"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note=f"referral {referral.pk} outcome")
    return referral


# --- Arrears support ---------------------------------------------------------------------------

def arrears_record(*, case, acting_user, debt_eur=None, step="", step_on=None,
                   plan_signed_on=None) -> CaseFile:
    """Record the debt, a step towards a repayment plan, and/or the day the plan was signed
    (whichever are given)."""
    errors = {}
    step = _text(step, "step", required=False, limit=rules.SHORT_MAX, errors=errors)
    if debt_eur is not None:
        debt_eur = Decimal(debt_eur).quantize(CENT)
        if debt_eur < 0 or debt_eur >= MAX_DEBT:
            errors["debt_eur"] = _("Enter a debt of zero euro or more.")
    today = timezone.localdate()
    if step and not isinstance(step_on, dt.date):
        errors["step_on"] = _("Enter the day of the step.")
    elif step_on is not None and step_on > today:
        errors["step_on"] = _("A step cannot be in the future.")
    if plan_signed_on is not None and plan_signed_on > today:
        errors["plan_signed_on"] = _("The plan cannot be signed in the future.")
    if debt_eur is None and not step and plan_signed_on is None:
        errors["debt_eur"] = _("Enter the debt, a step or the day the plan was signed.")
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        changed = []
        if debt_eur is not None:
            case.debt_eur = debt_eur
            changed.append("debt_eur")
        if plan_signed_on is not None:
            case.plan_signed_on = plan_signed_on
            changed.append("plan_signed_on")
        if changed:
            case.save(update_fields=changed)
        if step:
            ArrearsStep.objects.create(case=case, text=step, on=step_on,
                                       recorded_by=acting_user)
            changed.append("step")
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note="arrears: " + ", ".join(changed))
    return case


def energy_link(case):
    """The household's energy-contribution page, for the Community Manager to follow what
    signing the repayment plan changes: the energy app is a sibling, so only its URL, by
    name, and only if it exists. '' otherwise."""
    try:
        return reverse("energy:household_energy", kwargs={"household": case.household.code})
    except NoReverseMatch:
        return ""


# --- Handover and closing ----------------------------------------------------------------------

def case_hand_over(*, case, to_owner, reason, acting_user, now=None) -> CaseFile:
    """Give the case to another Community Manager of the household's hub (today's hub: a
    household that moved is handed to its new hub's staff), with why."""
    now = now or timezone.now()
    errors = {}
    reason = _text(reason, "reason", limit=rules.SHORT_MAX, errors=errors)
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user, "casework.hand_over")
        hub = case.household.unit.building.hub
        if to_owner is None or not selectors.case_managers(hub).filter(pk=to_owner.pk).exists():
            raise ValidationError({"to_owner": _("Choose a Community Manager of this Spazio "
                                                 "CASA.")})
        if to_owner.pk == case.owner_id:
            raise ValidationError({"to_owner": _("The case is already theirs.")})
        Handover.objects.create(case=case, from_owner=case.owner, to_owner=to_owner,
                                reason=reason, at=now, by=acting_user)
        previous = case.owner
        case.owner = to_owner
        case.save(update_fields=["owner"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=case,
                     note="handed over",
                     changes={"owner": [previous.audit_key, to_owner.audit_key]})
    return case


def case_close(*, case, outcome, acting_user, note="", now=None) -> CaseFile:
    now = now or timezone.now()
    errors = {}
    _choice(outcome, Outcome, "outcome", _("Choose the outcome of the case."), errors)
    note = _text(note, "note", required=False, errors=errors)
    _raise(errors)
    with transaction.atomic():
        case = _case_to_work_on(case, acting_user)
        case.status, case.closed_at, case.outcome = CaseStatus.CLOSED, now, outcome
        case.closing_note = note
        case.save(update_fields=["status", "closed_at", "outcome", "closing_note"])
        audit_record(actor=acting_user, action=AuditAction.END, target=case,
                     note=f"closed, {outcome}")
    return case


# --- Reminders ---------------------------------------------------------------------------------

def remind_overdue(*, today=None) -> int:
    """Tell each case's owner, once per action (and owner: a new owner is told again), of the
    plan's actions past their due day. Safe to run again. Returns the reminders written."""
    today = today or timezone.localdate()
    written = 0
    for action in selectors.overdue_actions(today).iterator():
        owner = action.case.owner
        if not owner.is_active or owner.role != Role.COMMUNITY_MANAGER:
            continue
        with transaction.atomic():
            messages = notify(
                kind="casework.overdue", user=owner,
                context={"reference": action.case.reference, "due_on": action.due_on},
                link=reverse("casework_staff:detail", args=[action.case_id]),
                key=f"casework:overdue:{action.pk}:{owner.pk}", actor="casework.reminders",
                channels=["app", "email"])
        written += bool(messages)
    return written
