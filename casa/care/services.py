"""Writes of the care and vigilance staff's work: a round sent from the phone (saved once per
form, whatever the resends), the problem report a problem found on a round opens, incidents,
fragile residents with their consent and its withdrawal, visits, and the flag a visit that
found a problem raises for the hub's Community Managers.

Every write checks `selectors.works_in` (the buildings of the user's hubs), goes into the audit
trail with the acting user, and raises ValidationError {field: message} in the user's
language for what is wrong."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.accounts.models import Role, User
from casa.core.audit import AuditAction, audit_record
from casa.core.uploads import check_photo, removed_on_rollback
from casa.notifications.services import notify
from casa.registry.models import Member
from casa.reports.models import Category
from casa.reports.services import report_create

from . import rules, selectors
from .models import Flag, FragileResident, Incident, Round, RoundCheck, Visit
from .rules import INFORMED, ITEMS, ROUND_ITEMS, ItemStatus

# The namespace of the submission keys of the reports opened from a round's items: one report
# per item, whoever taps and however often.
REPORT_KEYS = uuid.UUID("6f1d3c2e-5b0a-4c8e-9a57-2c1f0e8b7d11")


def _check_scope(user, building):
    if not selectors.works_in(user, building):
        raise PermissionDenied(_("This building is not in your Spazi CASA."))


# --- Rounds ------------------------------------------------------------------------------------

def round_submit(*, building, checks, acting_user, submission_key, note="", now=None) -> Round:
    """A round of `building` as the phone sent it. `checks`: {item code: {"status", "note",
    "photo"}} for the items of rules.ROUND_ITEMS (an item left out was not checked). The same
    form sent again (`submission_key`) gives back the round it saved: a resend makes no second
    round."""
    _check_scope(acting_user, building)
    if submission_key is None:
        raise ValidationError({"submission_key": _("The form is incomplete: open the round "
                                                   "again.")})
    existing = selectors.already_sent(submission_key, acting_user)
    if existing is not None:
        return existing
    errors, cleaned = {}, []
    unknown = sorted(set(checks) - set(ITEMS))
    if unknown:
        # i11api: the JSON API names the items; the page's form never sends another.
        errors["checks"] = _("These are not items of the round: %(items)s.") % {
            "items": ", ".join(unknown)}
    for item in ROUND_ITEMS:
        given = checks.get(item.code) or {}
        status = given.get("status") or ItemStatus.UNCHECKED
        text = (given.get("note") or "").strip()
        if status not in ItemStatus.values:
            errors[f"{item.code}-status"] = _("Choose what you found.")
        if len(text) > rules.NOTE_MAX:
            errors[f"{item.code}-note"] = _("Write at most %(count)s characters.") % {
                "count": rules.NOTE_MAX}
        elif status == ItemStatus.PROBLEM and not text and not given.get("photo"):
            errors[f"{item.code}-note"] = _("Say what is wrong, or add a photo.")
        photo = None
        if given.get("photo"):
            try:
                photo = check_photo(given["photo"])
            except ValidationError as error:
                errors[f"{item.code}-photo"] = error.messages
        cleaned.append((item.code, status, text, photo))
    note = (note or "").strip()
    if len(note) > rules.TEXT_MAX:
        errors["note"] = _("Write at most %(count)s characters.") % {"count": rules.TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    try:
        return _save_round(building=building, cleaned=cleaned, note=note,
                           acting_user=acting_user, submission_key=submission_key,
                           now=now or timezone.now())
    except IntegrityError:
        # The same form, sent again while the first was being saved: the first one's round.
        existing = selectors.already_sent(submission_key, acting_user)
        if existing is None:
            raise
        return existing


def _save_round(*, building, cleaned, note, acting_user, submission_key, now):
    with removed_on_rollback(default_storage) as written, transaction.atomic():
        saved = Round.objects.create(building=building, done_by=acting_user, done_at=now,
                                     note=note, submission_key=submission_key)
        for code, status, text, photo in cleaned:
            check = RoundCheck(round=saved, item=code, status=status, note=text)
            if photo is not None:
                name = f"{uuid.uuid4().hex}.jpg"
                check.photo.save(name, ContentFile(photo.data), save=False)
                written.append(check.photo.name)
                check.thumbnail.save(name, ContentFile(photo.thumbnail), save=False)
                written.append(check.thumbnail.name)
            check.save()
        problems = sum(1 for _code, status, _text, _photo in cleaned
                       if status == ItemStatus.PROBLEM)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=saved,
                     note=f"{building.code}, {problems} problem(s)")
    return saved


def round_item_open_report(*, check, acting_user):
    """The problem report of an item found wrong, opened in one tap: its category and place
    from rules.ROUND_ITEMS, the building, the item's note and photo; linked to the item. A
    second tap gives back the same report."""
    building = check.round.building
    _check_scope(acting_user, building)
    with transaction.atomic():
        check = RoundCheck.objects.select_for_update().select_related("round").get(pk=check.pk)
        if check.report_id is not None:
            return check.report
        if check.status != ItemStatus.PROBLEM:
            raise ValidationError(_("Only an item found with a problem opens a report."))
        item = ITEMS[check.item]
        if check.note:
            description = f"{item.label}: {check.note}"
        else:
            description = _("%(item)s: problem found on the round of %(date)s.") % {
                "item": item.label,
                "date": timezone.localtime(check.round.done_at).strftime("%d/%m/%Y")}
        photos = [check.photo.open("rb")] if check.photo else []
        try:
            report = report_create(
                category=Category.objects.get(code=item.category), place=item.place,
                description=description[:2000],
                acting_user=acting_user, building=building, photos=photos,
                submission_key=uuid.uuid5(REPORT_KEYS, f"round-check:{check.pk}"))
        finally:
            for photo in photos:
                photo.close()
        check.report = report
        check.save(update_fields=["report"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=check.round,
                     changes={"item": check.item, "report": report.reference},
                     note=f"report {report.reference} opened")
    return report


# --- Incidents ---------------------------------------------------------------------------------

def incident_record(*, building, kind, urgency, occurred_at, description, acting_user,
                    informed=(), what_followed="", now=None) -> Incident:
    """An incident in a building of the user's hubs: what, how urgent, when, who was told, what
    followed."""
    now = now or timezone.now()
    errors = {}
    if building is None:
        errors["building"] = _("Choose the building.")
    elif not selectors.works_in(acting_user, building):
        raise PermissionDenied(_("This building is not in your Spazi CASA."))
    if kind not in rules.IncidentKind.values:
        errors["kind"] = _("Choose what happened.")
    if urgency not in rules.Urgency.values:
        errors["urgency"] = _("Choose how urgent it is.")
    if occurred_at is None:
        errors["occurred_at"] = _("Say when it happened.")
    elif occurred_at > now + dt.timedelta(minutes=5):
        errors["occurred_at"] = _("The time of the incident cannot be in the future.")
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Describe what happened.")
    elif len(description) > rules.TEXT_MAX:
        errors["description"] = _("Write at most %(count)s characters.") % {
            "count": rules.TEXT_MAX}
    what_followed = (what_followed or "").strip()
    if len(what_followed) > rules.TEXT_MAX:
        errors["what_followed"] = _("Write at most %(count)s characters.") % {
            "count": rules.TEXT_MAX}
    unknown = set(informed) - set(INFORMED)
    if unknown:
        errors["informed"] = _("Choose who was informed from the list.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        incident = Incident.objects.create(
            building=building, kind=kind, urgency=urgency, occurred_at=occurred_at,
            description=description, what_followed=what_followed, recorded_by=acting_user,
            recorded_at=now,
            **{column: code in informed for code, (_label, column) in INFORMED.items()})
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=incident,
                     note=f"{kind}, {urgency}, {building.code}")
    return incident


# --- Fragile residents -------------------------------------------------------------------------

def resident_register(*, fiscal_code, reason, consent_on, consent_how, visit_every_days,
                      acting_user, today=None) -> FragileResident:
    """A current member of a household of the user's hubs, to look in on, with the consent they
    gave (when, how; recorded by the acting user) and how often to visit."""
    today = today or timezone.localdate()
    errors = {}
    member = (Member.objects.current().select_related("household__unit__building")
              .filter(fiscal_code=(fiscal_code or "").strip().upper(),
                      household__tenancy_end__isnull=True).first())
    if member is None or not selectors.works_in(acting_user, member.household.unit.building):
        errors["fiscal_code"] = _("No current resident of your Spazi CASA has this fiscal "
                                  "code.")
    if reason not in rules.FragileReason.values:
        errors["reason"] = _("Choose why the resident is looked in on.")
    if consent_how not in rules.ConsentHow.values:
        errors["consent_how"] = _("Say how the resident gave their consent.")
    if consent_on is None:
        errors["consent_on"] = _("Say when the resident gave their consent.")
    elif consent_on > today:
        errors["consent_on"] = _("Consent cannot be given in the future.")
    if not isinstance(visit_every_days, int) or not (
            rules.VISIT_EVERY_MIN <= visit_every_days <= rules.VISIT_EVERY_MAX):
        errors["visit_every_days"] = _("Say every how many days to visit: from %(min)s to "
                                         "%(max)s.") % {
            "min": rules.VISIT_EVERY_MIN, "max": rules.VISIT_EVERY_MAX}
    if not errors and FragileResident.objects.filter(
            member=member, consent_withdrawn_on__isnull=True).exists():
        errors["fiscal_code"] = _("This resident is already looked in on.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            resident = FragileResident.objects.create(
                member=member, reason=reason, consent_on=consent_on, consent_how=consent_how,
                consent_recorded_by=acting_user, visit_every_days=visit_every_days)
            audit_record(actor=acting_user, action=AuditAction.CREATE, target=resident,
                         note=f"{reason}, consent {consent_how} {consent_on.isoformat()}")
    except IntegrityError:
        raise ValidationError({"fiscal_code": _("This resident is already looked in on.")}) \
            from None
    return resident


def _resident_in_scope(resident, acting_user):
    resident = selectors.visible_resident(acting_user, resident.pk)
    if resident is None or not selectors.works_in(
            acting_user, resident.member.household.unit.building):
        raise PermissionDenied(_("This resident is not one you look in on."))
    return resident


def resident_withdraw_consent(*, resident, acting_user, today=None) -> FragileResident:
    """The resident withdrew their consent: no more visits, and the record is hidden from
    today on (selectors.visible_residents)."""
    resident = _resident_in_scope(resident, acting_user)
    with transaction.atomic():
        resident.consent_withdrawn_on = today or timezone.localdate()
        resident.consent_withdrawn_by = acting_user
        resident.save(update_fields=["consent_withdrawn_on", "consent_withdrawn_by"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=resident,
                     changes={"consent_withdrawn_on": resident.consent_withdrawn_on.isoformat()},
                     note="consent withdrawn")
    return resident


def visit_record(*, resident, notes, problem_found, acting_user, now=None) -> Visit:
    """A visit to a fragile resident. One that found a problem flags the household for its
    hub's Community Managers, each told through the outbox."""
    now = now or timezone.now()
    resident = _resident_in_scope(resident, acting_user)
    notes = (notes or "").strip()
    if len(notes) > rules.TEXT_MAX:
        raise ValidationError({"notes": _("Write at most %(count)s characters.") % {
            "count": rules.TEXT_MAX}})
    if problem_found and not notes:
        raise ValidationError({"notes": _("Say what the problem is: the Community Manager "
                                          "reads it.")})
    household = resident.member.household
    with transaction.atomic():
        visit = Visit.objects.create(resident=resident, visited_at=now, visited_by=acting_user,
                                     notes=notes, problem_found=bool(problem_found))
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=visit,
                     note="problem found" if problem_found else "")
        if problem_found:
            _flag(visit, household, acting_user, now)
    return visit


def _flag(visit, household, acting_user, now):
    hub = household.unit.building.hub
    flag = Flag.objects.create(visit=visit, household=household, hub=hub, raised_at=now)
    audit_record(actor=acting_user, action=AuditAction.CREATE, target=flag,
                 note=f"flag for {hub.code}")
    managers = User.objects.filter(role=Role.COMMUNITY_MANAGER, is_active=True, hubs=hub)
    link = reverse("care:resident_detail", args=[visit.resident_id])
    for manager in managers:
        notify(kind="care.flag", user=manager, link=link,
               context={"household": household.code, "address": household.unit.building.address,
                        "hub": hub.name, "by": acting_user.get_full_name() or acting_user.email},
               key=f"care:flag:{flag.pk}:{manager.pk}", actor=acting_user)
    return flag


# --- Flags (i11api) ------------------------------------------------------------------------------

def may_close_flag(user, flag) -> bool:
    """Who closes a flag: a Community Manager of its hub (the page shows the button by it)."""
    return user.role == Role.COMMUNITY_MANAGER and user.hubs.filter(pk=flag.hub_id).exists()


def flag_close(*, flag, acting_user, now=None) -> Flag:
    """A Community Manager of the flag's hub has followed it up: the flag is closed and leaves
    their day page (selectors.open_flags_for). Closing a closed flag changes nothing."""
    if not may_close_flag(acting_user, flag):
        raise PermissionDenied(_("Only the Community Managers of its Spazio CASA close a "
                                 "flag."))
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if flag.closed_at is None:
            flag.closed_at = now or timezone.now()
            flag.save(update_fields=["closed_at"])
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=flag,
                         changes={"closed_at": flag.closed_at.isoformat()}, note="flag closed")
    return flag
