"""Writes for problem reports: reporting (by a tenant, or by staff for a household or from
their rounds), following, the staff's work (status changes along rules.STAFF_CHANGES, replies,
internal notes, assignments, merging), the reporter's "is it really fixed?", and closing the
resolved reports nobody reopened; sending a report to a contractor and recording what the
contractor answered and what the repair cost.

Every change of a report's status locks its row first and checks the allowed changes in
rules.py: the one control of the workflow, whichever page, API call or job asks. Each change
appends to the report's history (`Update`), goes into the audit trail, and tells the reporter
and the followers what they should know, through the outbox in their language."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casa.accounts.models import Role
from casa.core.access import can
from casa.core.audit import AuditAction, audit_record
from casa.core.money import format_euro
from casa.core.uploads import check_photo, removed_on_rollback
from casa.notifications.services import (
    StoredFile,
    notify,
    notify_address,
    recipient_language,
)
from casa.registry.access import visible_households
from casa.registry.selectors import tenant_household

from . import rules, selectors
from .models import Category, Follower, Photo, Report, Update, UpdateKind, WorkOrder
from .rules import COMMON_AREAS, OPEN, Place, Status

CENT = Decimal("0.01")
MAX_COST = Decimal("1e10")  # WorkOrder.cost_eur has 12 digits, 2 of them decimals


def lock(report):
    """The report's row, locked until the caller's transaction ends."""
    return Report.objects.select_for_update().get(pk=report.pk)


# --- Reporting ---------------------------------------------------------------------------------

def _where(*, acting_user, household, building):
    """(household, building) the report is about, checked against who reports it."""
    if acting_user.role == Role.TENANT:
        if not can(acting_user, "reports.report"):
            raise PermissionDenied(_("You cannot report problems."))
        own = tenant_household(acting_user)
        if own is None:
            raise PermissionDenied(_("Your account is not linked to a household: ask at your "
                                     "Spazio CASA."))
        if household is not None and household.pk != own.pk:
            raise PermissionDenied(_("You can report problems of your own home only."))
        return own, own.unit.building
    if not can(acting_user, "reports.report_for_others"):
        raise PermissionDenied(_("You cannot report problems."))
    if household is not None:
        household = (visible_households(acting_user).select_related("unit__building")
                     .filter(pk=household.pk, tenancy_end__isnull=True).first())
        if household is None:
            raise PermissionDenied(_("This household is not one you follow."))
        return household, household.unit.building
    if building is None:
        raise ValidationError({"building": _("Choose the building.")})
    if acting_user.role in {Role.COMMUNITY_MANAGER, Role.CARE_STAFF} and not (
            acting_user.hubs.filter(pk=building.hub_id).exists()):
        raise PermissionDenied(_("This building is not in your Spazi CASA."))
    return None, building


def check_photos(photos) -> list:
    """The photos sent with a report, each checked and cleaned (casa.core.uploads.check_photo:
    type by content, size, pixels, virus scan, upright, no metadata, resized, a thumbnail), at
    most rules.MAX_PHOTOS. ValidationError {"photos": [...]} naming each file refused."""
    photos = [photo for photo in (photos or []) if photo]
    if len(photos) > rules.MAX_PHOTOS:
        raise ValidationError({"photos": _("Send at most %(count)s photos.") % {
            "count": rules.MAX_PHOTOS}})
    checked, problems = [], []
    for photo in photos:
        try:
            checked.append(check_photo(photo))
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"photos": problems})
    return checked


def _store_photos(report, checked, acting_user, written):
    for photo in checked:
        stored = Photo(report=report, width=photo.width, height=photo.height,
                       sha256=photo.sha256, sent_as=photo.sent_as, uploaded_by=acting_user)
        name = f"{uuid.uuid4().hex}.jpg"
        stored.image.save(name, ContentFile(photo.data), save=False)
        written.append(stored.image.name)
        stored.thumbnail.save(name, ContentFile(photo.thumbnail), save=False)
        written.append(stored.thumbnail.name)
        stored.save()


def report_create(*, category, place, description, acting_user, household=None, building=None,
                  entrance=None, photos=(), submission_key=None, now=None) -> Report:
    """A new report. A tenant reports for their own household (its flat, its entrance, the
    common areas of its building); staff for a household they follow or, from their rounds,
    about a common area of a building of their hubs. Records who reported it and for whom.
    `photos`: uploaded files, checked before anything is written (check_photos) and stored
    with the report; if the report is not saved, no file stays behind."""
    now = now or timezone.now()
    household, building = _where(acting_user=acting_user, household=household,
                                 building=building)
    existing = selectors.already_sent(submission_key, acting_user)
    if existing is not None:  # the same form again: the report it already saved
        return existing
    description, errors = _problem_errors(category=category, place=place,
                                          description=description, household=household)
    try:
        checked = check_photos(photos)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if entrance is None:
        entrance = household.unit.entrance if household is not None else ""
    try:
        return _save_report(category=category, place=place, description=description,
                            acting_user=acting_user, household=household, building=building,
                            entrance=entrance, checked=checked, submission_key=submission_key,
                            now=now)
    except IntegrityError:
        # The same form, sent again while the first was being saved: the first one's report.
        existing = selectors.already_sent(submission_key, acting_user)
        if existing is None:
            raise
        return existing


def _problem_errors(*, category, place, description, household):
    """(the description stripped, {field: message}) for what a report says: an active category,
    a place (a flat only for a household), a description of at most rules.DESCRIPTION_MAX
    characters. Reporting and splitting check it here."""
    errors = {}
    if not isinstance(category, Category) or not category.active:
        errors["category"] = _("Choose what the problem is about.")
    if place not in Place.values:
        errors["place"] = _("Choose where the problem is.")
    elif place == Place.FLAT and household is None:
        errors["place"] = _("A problem in a flat is reported for its household.")
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Describe the problem in a few words.")
    elif len(description) > rules.DESCRIPTION_MAX:
        errors["description"] = _("Describe the problem in at most %(count)s characters.") % {
            "count": rules.DESCRIPTION_MAX}
    return description, errors


def _save_report(*, category, place, description, acting_user, household, building, entrance,
                 checked, submission_key, now):
    """The report, its photos, its first history entry, its audit event and the household's
    receipt, in one transaction; the photos' files are removed if it rolls back."""
    with removed_on_rollback(default_storage) as written, transaction.atomic():
        report = Report.objects.create(
            category=category, building=building, place=place,
            unit=household.unit if place == Place.FLAT else None,
            entrance=(entrance or "")[:20], description=description, household=household,
            reported_by=acting_user, on_behalf=acting_user.role != Role.TENANT,
            status=Status.NEW, urgent=category.urgent, team=category.team, created_at=now,
            due_at=rules.due_at(now, category.target_hours), submission_key=submission_key)
        _store_photos(report, checked, acting_user, written)
        Update.objects.create(report=report, kind=UpdateKind.CREATED, actor=acting_user, at=now,
                              to_status=Status.NEW)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=report,
                     note=f"{category.code}, {place}, {len(checked)} photo(s)")
        if household is not None:
            notify(kind="reports.received", household=household,
                   context=_context(report, recipient_language(household=household)),
                   link=_link(report),
                   key=f"reports:{report.pk}:received", actor=acting_user)
    return report


# --- Following ---------------------------------------------------------------------------------

def report_follow(*, report, acting_user, now=None) -> Follower:
    """A tenant follows a report about a common area of their building (from "is it one of
    these?" or the building's list), and is told of its progress from then on."""
    household = tenant_household(acting_user) if acting_user.role == Role.TENANT else None
    if household is None or not can(acting_user, "reports.report"):
        raise PermissionDenied(_("Only tenants of the building can follow a report."))
    if not (report.place in COMMON_AREAS and report.building_id == household.unit.building_id):
        raise PermissionDenied(_("You can follow the reports about your building only."))
    follower, created = Follower.objects.get_or_create(
        report=report, user=acting_user,
        defaults={"household": household, "created_at": now or timezone.now()})
    if created:
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=report,
                     note="followed")
    return follower


def report_unfollow(*, report, acting_user):
    Follower.objects.filter(report=report, user=acting_user).delete()


# --- The staff's work --------------------------------------------------------------------------

def _managed(report, acting_user):
    if not can(acting_user, "reports.manage") or not selectors.visible_reports(
            acting_user).filter(pk=report.pk).exists():
        raise PermissionDenied(_("You cannot work on this report."))


def report_change_status(*, report, status, acting_user, public_message="", internal_note="",
                         reason="", merge_into=None, now=None) -> Report:
    """Move a report along the workflow (rules.STAFF_CHANGES). Rejecting needs a reason, which
    the reporter reads; merging needs the open report of the same building it duplicates,
    whose followers the merged report's reporter and followers join."""
    now = now or timezone.now()
    _managed(report, acting_user)
    public_message, internal_note = (public_message or "").strip(), (internal_note or "").strip()
    with transaction.atomic():
        report = lock(report)
        if not rules.staff_may_change(report.status, status):
            raise ValidationError({"status": _("A report that is %(current)s cannot become "
                                               "%(new)s.") % {
                "current": Status(report.status).label.lower(),
                "new": Status(status).label.lower() if status in Status.values else status}})
        if status == Status.REJECTED:
            reason = (reason or "").strip()
            if not reason:
                raise ValidationError({"reason": _("Say why the report is rejected: the "
                                                   "reporter reads it.")})
            report.rejection_reason = reason
            public_message = public_message or reason
        if status == Status.MERGED:
            report.merged_into = _merge_target(report, merge_into, acting_user)
        _move(report, status, acting_user=acting_user, now=now, public_message=public_message,
              internal_note=internal_note)
        if status == Status.MERGED:
            _carry_followers(report, report.merged_into)
    return report


def _move(report, status, *, acting_user, now, public_message="", internal_note=""):
    """Write an allowed change of the locked `report` to `status`: its dates, its history,
    the audit trail, and the message to the reporter and the followers."""
    if status == Status.RESOLVED:
        report.resolved_at = now
    elif report.status == Status.RESOLVED and status == Status.IN_PROGRESS:
        report.resolved_at = None
    if status in rules.FINAL:
        report.closed_at = now
    previous, report.status = report.status, status
    report.save()
    update = Update.objects.create(report=report, kind=UpdateKind.STATUS, actor=acting_user,
                                   at=now, from_status=previous, to_status=status,
                                   public_message=public_message, internal_note=internal_note)
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=report,
                 changes={"status": [previous, status]})
    _tell(report, update, acting_user)


def _merge_target(report, target, acting_user):
    if target is None:
        raise ValidationError({"merge_into": _("Choose the report it duplicates.")})
    target = selectors.visible_reports(acting_user).filter(pk=target.pk).first()
    if (target is None or target.pk == report.pk or target.status not in OPEN
            or target.building_id != report.building_id):
        raise ValidationError({"merge_into": _("A report merges into another open report of "
                                               "the same building.")})
    return target


def _carry_followers(merged, target):
    """The merged report's household and followers now follow the report it duplicates."""
    people = [(follower.user, follower.household) for follower in
              merged.followers.select_related("user", "household")]
    if merged.household_id and merged.reported_by.role == Role.TENANT:
        people.append((merged.reported_by, merged.household))
    for user, household in people:
        Follower.objects.get_or_create(report=target, user=user,
                                       defaults={"household": household})


def report_reply(*, report, message, acting_user, now=None) -> Update:
    """A public reply from the staff, which the reporter and the followers are told of."""
    _managed(report, acting_user)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write the reply.")})
    with transaction.atomic():
        update = Update.objects.create(report=report, kind=UpdateKind.REPLY, actor=acting_user,
                                       at=now or timezone.now(), public_message=message)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=report, note="reply")
        _tell(report, update, acting_user)
    return update


def report_note(*, report, note, acting_user, now=None) -> Update:
    """An internal note: staff only, never shown to the reporter or the followers."""
    _managed(report, acting_user)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the note.")})
    with transaction.atomic():
        update = Update.objects.create(report=report, kind=UpdateKind.NOTE, actor=acting_user,
                                       at=now or timezone.now(), internal_note=note)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=report,
                     note="internal note")
    return update


def report_assign(*, report, assignee, acting_user, now=None) -> Report:
    """Give the report to a staff member who may work on it (their hubs include its
    building)."""
    _managed(report, acting_user)
    if assignee is not None and not selectors.visible_reports(assignee).filter(
            pk=report.pk).exists():
        raise ValidationError({"assignee": _("This person cannot see the report.")})
    with transaction.atomic():
        report = lock(report)
        report.assigned_to = assignee
        report.save(update_fields=["assigned_to"])
        Update.objects.create(report=report, kind=UpdateKind.ASSIGNED, actor=acting_user,
                              at=now or timezone.now(),
                              internal_note=str(assignee) if assignee else "")
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=report,
                     changes={"assigned_to": [None, assignee.pk if assignee else None]})
    return report


# --- Contractors -------------------------------------------------------------------------------

def report_send_to_contractor(*, report, contractor, acting_user, instructions="",
                              with_photos=True, with_contact=False, now=None) -> WorkOrder:
    """Send an open report to a contractor by e-mail (through the outbox, in Italian): the
    report's details, the staff's instructions, its photos when `with_photos`, and the
    household's name and phone for a repair in their flat only when `with_contact` (a
    disclosure the audit trail records). A new report, or one taken in charge, becomes "sent
    to maintenance" and its reporter is told."""
    now = now or timezone.now()
    _managed(report, acting_user)
    instructions = (instructions or "").strip()
    errors = {}
    if contractor is None or not contractor.active:
        errors["contractor"] = _("Choose the contractor.")
    if len(instructions) > rules.DESCRIPTION_MAX:
        errors["instructions"] = _("Write at most %(count)s characters.") % {
            "count": rules.DESCRIPTION_MAX}
    if with_contact and report.household_id is None:
        errors["with_contact"] = _("This report is not about a household: there is no "
                                   "contact to give.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = lock(report)
        if not rules.may_send_to_contractor(report.status):
            raise ValidationError({"contractor": _("Only an open report can be sent to a "
                                                   "contractor.")})
        order = WorkOrder.objects.create(
            report=report, contractor=contractor, instructions=instructions,
            with_photos=with_photos, with_contact=with_contact, sent_by=acting_user,
            sent_at=now)
        photos = list(report.photos.all()) if with_photos else []
        notify_address(
            kind="reports.work_order", address=contractor.email,
            context=_work_order_context(order, photos), key=f"reports:work_order:{order.pk}",
            attachments=[(f"{report.reference}-{number}.jpg", "image/jpeg",
                          StoredFile(photo.image.name))
                         for number, photo in enumerate(photos, start=1)],
            actor=acting_user)
        Update.objects.create(
            report=report, kind=UpdateKind.CONTRACTOR, actor=acting_user, at=now,
            internal_note=_("Sent to %(contractor)s (%(order)s).") % {
                "contractor": contractor.name, "order": order.reference}
            + (f" {instructions}" if instructions else ""))
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=order,
                     subject=report.audit_subject,
                     note=f"to {contractor.email}, {len(photos)} photo(s)"
                          + (", with the household's contact" if with_contact else ""))
        status = rules.send_moves_to(report.status)
        if status is not None:
            _move(report, status, acting_user=acting_user, now=now)
    return order


def _work_order_context(order, photos):
    """What the contractor's e-mail says (casa/templates/notifications/reports/work_order.txt):
    no more personal data than the repair needs."""
    report, hub = order.report, order.report.building.hub
    context = {
        "order": order.reference, "reference": report.reference,
        "category": report.category.label, "urgent": report.urgent,
        "due": timezone.localtime(report.due_at).strftime("%d/%m/%Y %H:%M"),
        "building": f"{report.building.address}, {report.building.municipality}",
        "place": rules.place_label(report.place), "entrance": report.entrance,
        "unit": report.unit.code if report.unit_id else "",
        "floor": report.unit.floor if report.unit_id else "",
        "description": report.description, "instructions": order.instructions,
        "photos": len(photos), "sender": order.sent_by.get_full_name() or order.sent_by.email,
        "sender_email": order.sent_by.email,
        "hub": hub.name if hub else "", "hub_phone": hub.phone if hub else "",
        "hub_email": hub.email if hub else "",
    }
    if order.with_contact and report.household_id:
        head = report.household.members.current().order_by("relation", "id").first()
        context["contact"] = f"{head.first_name} {head.last_name}" if head else ""
        context["contact_phone"] = report.household.phone
    return context


def _cost(value):
    """A cost in euro (a Decimal from casa.core.forms.MoneyField, or a number or "1234.56"
    from the API): None for none, else a non-negative amount with at most two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        cost = Decimal(str(value).strip())
    except InvalidOperation:
        cost = None
    if (cost is None or not cost.is_finite() or cost < 0 or cost != cost.quantize(CENT)
            or cost >= MAX_COST):
        raise ValidationError({"cost_eur": _("Write the cost in euro: a number, not negative, "
                                             "with at most two decimals.")})
    return cost.quantize(CENT)


# The contractor's answer is free text that may name people (who was not at home): the audit
# trail keeps only that it was written or cleared, and the report's history (which retention
# blanks with the report, casa/reports/retention.py) keeps the text (docs/decisions.md,
# "Retention").
AUDIT_TEXT_ONLY_WRITTEN = {"answer"}


def _audit_value(field, value):
    if value is None or value == "":
        return None
    return "written" if field in AUDIT_TEXT_ONLY_WRITTEN else str(value)


def work_order_record(*, order, acting_user, contractor_reference="", answer="",
                      cost_eur=None, invoice="", now=None) -> WorkOrder:
    """Record what a contractor said about a work order: their reference, their answer, the
    cost and the invoice or estimate it comes from, as they are now (an empty value clears
    one). What changed goes into the report's history (staff only) and the audit trail;
    nothing changed writes nothing."""
    now = now or timezone.now()
    _managed(order.report, acting_user)
    new = {"contractor_reference": (contractor_reference or "").strip(),
           "answer": (answer or "").strip(), "invoice": (invoice or "").strip()}
    errors = {field: _("Write at most %(count)s characters.") % {"count": limit}
              for field, limit in (("contractor_reference", 64), ("invoice", 64),
                                   ("answer", rules.DESCRIPTION_MAX))
              if len(new[field]) > limit}
    try:
        new["cost_eur"] = _cost(cost_eur)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lock(order.report)  # one writer of a report and its work orders at a time
        order = WorkOrder.objects.select_related("contractor", "report").get(pk=order.pk)
        changes = {field: [getattr(order, field), value] for field, value in new.items()
                   if getattr(order, field) != value}
        if not changes:
            return order
        for field, (_old, value) in changes.items():
            setattr(order, field, value)
        if "answer" in changes:
            order.answered_at = now if order.answer else None
        order.save()
        Update.objects.create(report=order.report, kind=UpdateKind.CONTRACTOR,
                              actor=acting_user, at=now,
                              internal_note=_work_order_note(order, changes))
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=order,
                     subject=order.report.audit_subject,
                     changes={field: [_audit_value(field, old), _audit_value(field, value)]
                              for field, (old, value) in changes.items()})
    return order


def _work_order_note(order, changes):
    parts = [f"{order.contractor.name} ({order.reference})"]
    if "contractor_reference" in changes:
        parts.append(_("their reference: %(value)s") % {
            "value": order.contractor_reference or "—"})
    if "answer" in changes:
        parts.append(_("answer: %(value)s") % {"value": order.answer or "—"})
    if "cost_eur" in changes:
        parts.append(_("cost: %(value)s") % {
            "value": format_euro(order.cost_eur) if order.cost_eur is not None else "—"})
    if "invoice" in changes:
        parts.append(_("invoice or estimate: %(value)s") % {"value": order.invoice or "—"})
    return "; ".join(parts)
# --- Splitting ---------------------------------------------------------------------------------

def report_split(*, report, category, place, description, acting_user, photos=(),
                 now=None) -> Report:
    """Part of an open report continues as a new report (a report about two problems becomes
    two): its own category (so its own team, urgency and target), place and description, for
    the same building, household and reporter, reported when the original was (its due date
    counts from then: lateness stays honest). `photos`: those of the original that go with the
    part, kept as new rows naming the same stored files. The original's history says where
    the part went (SPLIT, `related`), the part's where it came from; the original's followers
    follow a part about a common area too; the reporter's household and the followers are
    told. All in one transaction."""
    now = now or timezone.now()
    _managed(report, acting_user)
    with transaction.atomic():
        original = lock(report)
        if not rules.may_split(original.status):
            raise ValidationError(_("A report that is %(current)s cannot be split.") % {
                "current": Status(original.status).label.lower()})
        household = original.household
        description, errors = _problem_errors(category=category, place=place,
                                              description=description, household=household)
        wanted = {photo.pk for photo in photos or ()}
        chosen = list(original.photos.filter(pk__in=wanted))
        if len(chosen) != len(wanted):
            errors["photos"] = _("Choose among the photos of this report.")
        if errors:
            raise ValidationError(errors)
        part = Report.objects.create(
            category=category, building=original.building, place=place,
            unit=household.unit if place == Place.FLAT else None, entrance=original.entrance,
            description=description, household=household, reported_by=original.reported_by,
            on_behalf=original.on_behalf, status=Status.NEW, urgent=category.urgent,
            team=category.team, created_at=original.created_at,
            due_at=rules.due_at(original.created_at, category.target_hours),
            split_from=original)
        for photo in chosen:
            Photo.objects.create(report=part, image=photo.image.name,
                                 thumbnail=photo.thumbnail.name, width=photo.width,
                                 height=photo.height, sha256=photo.sha256,
                                 sent_as=photo.sent_as, uploaded_by=photo.uploaded_by,
                                 created_at=photo.created_at)
        Update.objects.create(report=part, kind=UpdateKind.CREATED, actor=acting_user, at=now,
                              to_status=Status.NEW, related=original,
                              internal_note=f"split from {original.reference}")
        update = Update.objects.create(report=original, kind=UpdateKind.SPLIT,
                                       actor=acting_user, at=now, related=part)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=part,
                     note=f"split from {original.reference}: {category.code}, {place}, "
                          f"{len(chosen)} photo(s)")
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=original,
                     note=f"split: {part.reference}")
        if rules.followers_join_part(place):
            Follower.objects.bulk_create(
                [Follower(report=part, user_id=follower.user_id,
                          household_id=follower.household_id, created_at=now)
                 for follower in original.followers.all()], ignore_conflicts=True)
        _tell_split(original, update, part, acting_user)
    return part


def _tell_split(original, update, part, acting_user):
    """The reporter's household and the followers (`_told`), each in its language: part of the
    report continues as `part`, named and linked only for those who may see it."""
    for household in _told(original).values():
        sees_part = Report.objects.filter(selectors.household_scope(household),
                                          pk=part.pk).exists()
        language = recipient_language(household=household)
        with translation.override(language):
            context = {**_context(original, language),
                       "part_reference": part.reference if sees_part else "",
                       "part_category": part.category.label if sees_part else ""}
        notify(kind="reports.split", household=household, context=context,
               link=_link(part if sees_part else original),
               key=f"reports:update:{update.pk}:{household.pk}", actor=acting_user)


# --- "Is it really fixed?" ---------------------------------------------------------------------

def report_answer_fixed(*, report, fixed, acting_user, comment="", now=None) -> Report:
    """The reporter's household answers whether a resolved report is really fixed: yes closes
    it, no reopens it (in progress again), within rules.REOPEN_DAYS of the resolution."""
    now = now or timezone.now()
    household = tenant_household(acting_user) if acting_user.role == Role.TENANT else None
    if household is None or report.household_id != household.pk:
        raise PermissionDenied(_("Only the household that reported it can answer."))
    comment = (comment or "").strip()
    if not fixed and not comment:
        raise ValidationError({"comment": _("Say what is still wrong.")})
    with transaction.atomic():
        report = lock(report)
        status = Status.CLOSED if fixed else Status.IN_PROGRESS
        if not rules.reporter_may_change(report.status, status, resolved_at=report.resolved_at,
                                         now=now):
            raise ValidationError({"fixed": _("We can no longer reopen this report. Report the "
                                              "problem again.")})
        previous, report.status = report.status, status
        if fixed:
            report.closed_at = now
        else:
            report.resolved_at = None
        report.save()
        Update.objects.create(report=report, kind=UpdateKind.STATUS, actor=acting_user, at=now,
                              from_status=previous, to_status=status, public_message=comment)
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=report,
                     changes={"status": [previous, status]},
                     note="fixed" if fixed else "not fixed")
    return report


def reports_close_resolved(*, now=None) -> int:
    """Close the resolved reports that nobody reopened within rules.REOPEN_DAYS (a periodic
    job). Returns how many were closed."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=rules.REOPEN_DAYS)
    closed = 0
    for pk in Report.objects.filter(status=Status.RESOLVED, resolved_at__lte=limit).values_list(
            "pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=pk)
            if report.status != Status.RESOLVED or report.resolved_at > limit:
                continue  # reopened meanwhile
            report.status, report.closed_at = Status.CLOSED, now
            report.save(update_fields=["status", "closed_at"])
            Update.objects.create(report=report, kind=UpdateKind.STATUS, actor=None, at=now,
                                  from_status=Status.RESOLVED, to_status=Status.CLOSED)
            audit_record(actor=None, action=AuditAction.UPDATE, target=report,
                         changes={"status": [Status.RESOLVED, Status.CLOSED]},
                         note="nobody said it was not fixed")
            closed += 1
    return closed


# --- Messages ----------------------------------------------------------------------------------

def _link(report):
    """The report's page for the tenants it tells (the reporter's household, the followers)."""
    return reverse("reports:my_report", args=[report.pk])


def _context(report, language, *, status=False):
    """What a message about `report` says, its labels in the recipient's `language` (the
    context is kept with the message, so its words are fixed here, not when the template
    renders); with `status`, the report's status too."""
    with translation.override(language):
        context = {"reference": report.reference, "category": report.category.label,
                   "place": str(Place(report.place).label),
                   "building": report.building.address}
        if status:
            context["status"] = str(Status(report.status).label)
    return context


def _told(report):
    """{pk: household}: the reporter's household and the followers' households, each once."""
    households = {}
    if report.household_id:
        households[report.household_id] = report.household
    for follower in report.followers.select_related("household"):
        households.setdefault(follower.household_id, follower.household)
    return households


def _tell(report, update, acting_user):
    """The reporter's household and the followers' households, each once: what changed."""
    if not update.is_public:
        return
    households = _told(report)
    kind = {Status.RESOLVED: "reports.resolved"}.get(update.to_status, "reports.updated")
    for household in households.values():
        context = {**_context(report, recipient_language(household=household), status=True),
                   "message": update.public_message,
                   "reopen_until": rules.reopen_until(report.resolved_at)
                   if report.resolved_at else None}
        notify(kind=kind, household=household, context=context, link=_link(report),
               key=f"reports:update:{update.pk}:{household.pk}", actor=acting_user)
