"""Writes of FSE+ participants: recording the support the other apps tell of (the receiver of
casa.registry.signals.support_given), completing what the register cannot give, consent to
special categories and its withdrawal, and taking a snapshot of the indicators as reported.

The receiver runs inside the sender's transaction: a support that rolls back records no
participant. Concurrent sends meet the unique constraints (one participant per person and
project, one event per source) in savepoints, so nothing is counted twice."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import can
from casa.core.audit import AuditAction, audit_event, audit_record, user_or_none

from . import rules, selectors
from .models import (
    SPECIAL_CATEGORIES,
    Consent,
    ConsentHow,
    Education,
    Gender,
    IndicatorSnapshot,
    LabourStatus,
    Participant,
    SupportEvent,
)

logger = logging.getLogger(__name__)


# --- Support received ----------------------------------------------------------------------------

def on_support_given(sender, *, member, hub, on, source, actor, **kwargs):
    """The receiver of support_given (connected in ParticipantsConfig.ready)."""
    support_record(member=member, hub=hub, on=on, source=source, actor=actor)


@transaction.atomic
def support_record(*, member, hub, on, source, actor):
    """Make `member` a participant of the funded project of `hub` (entry date the earliest
    support), prefilled from the register, and record the support once per `source`. A hub
    in no project records nothing and logs a warning. Returns the SupportEvent, or None.
    Atomic on its own (the participant's row lock needs a transaction), and a savepoint of
    the caller's transaction when support is told inside one, as the apps do."""
    project = selectors.project_of_hub(hub)
    if project is None:
        logger.warning("Support %s at hub %s not recorded: the hub belongs to no funded "
                       "project", source, hub.code)
        return None
    existing = SupportEvent.objects.filter(source=source).first()
    if existing is not None:
        return existing
    participant = _participant_for(member=member, project=project, hub=hub, on=on,
                                   actor=actor)
    try:
        with transaction.atomic():
            event = SupportEvent.objects.create(participant=participant, hub=hub, on=on,
                                                source=source, recorded_by=user_or_none(actor))
    except IntegrityError:
        return SupportEvent.objects.get(source=source)  # recorded meanwhile by another send
    changes = {}
    if on < participant.entry_date:
        changes["entry_date"] = [participant.entry_date.isoformat(), on.isoformat()]
        participant.entry_date = on
    if participant.exit_date is not None and on > participant.exit_date:
        # Supported again after the exit: the participation goes on (docs/decisions.md).
        changes["exit_date"] = [participant.exit_date.isoformat(), None]
        participant.exit_date = None
    if changes:
        participant.save(update_fields=["entry_date", "exit_date"])
        audit_record(actor=actor, action=AuditAction.UPDATE, target=participant,
                     changes=changes, note=source)
    return event


def _prefilled(member):
    """What the register gives a participant: never typed again."""
    return {"gender": rules.gender_from_register(member.sex, member.fiscal_code),
            "birth_date": member.birth_date,
            "third_country_national": rules.is_third_country_national(member.citizenship)}


def _participant_for(*, member, project, hub, on, actor):
    """The participant of (member's fiscal code, project), created if new, its row locked."""
    found = (Participant.objects.select_for_update()
             .filter(fiscal_code=member.fiscal_code, project=project).first())
    if found is not None:
        return found
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                project=project, fiscal_code=member.fiscal_code, member=member, hub=hub,
                entry_date=on, **_prefilled(member))
    except IntegrityError:
        # Created meanwhile by a concurrent send: use it.
        return Participant.objects.select_for_update().get(fiscal_code=member.fiscal_code,
                                                           project=project)
    audit_record(actor=actor, action=AuditAction.CREATE, target=participant,
                 changes={"project": project.code, "entry_date": on.isoformat(),
                          "hub": hub.code})
    return participant


# --- Staff complete what the register cannot give ------------------------------------------------

def _check_manage(participant, acting_user):
    if not can(acting_user, "participants.manage"):
        raise PermissionDenied(_("You cannot change participants."))
    if not selectors.visible_participants(acting_user).filter(pk=participant.pk).exists():
        raise PermissionDenied(_("This participant is not one you follow."))


def _choice(value, choices, field, message):
    value = value or ""
    if value and value not in choices.values:
        raise ValidationError({field: message})
    return value


def participant_complete(*, participant, acting_user, labour_status="", education="",
                         gender=None, exit_date=None):
    """Record the labour-market status at entry, the education band, a gender the person
    declares other than the register's (non-binary), and the exit date. Empty values mean
    "not known"."""
    _check_manage(participant, acting_user)
    errors = {}
    try:
        labour_status = _choice(labour_status, LabourStatus, "labour_status",
                                _("Choose a labour-market status from the list."))
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        education = _choice(education, Education, "education",
                            _("Choose an education band from the list."))
    except ValidationError as error:
        errors.update(error.message_dict)
    if gender is not None and gender not in Gender.values:
        errors["gender"] = [_("Choose a gender from the list.")]
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if exit_date is not None and exit_date < participant.entry_date:
            errors["exit_date"] = [_("The exit date cannot be before the entry date "
                                     "(%(date)s).") % {
                "date": participant.entry_date.strftime("%d/%m/%Y")}]
        if exit_date is not None and exit_date > timezone.localdate():
            errors["exit_date"] = [_("The exit date cannot be in the future.")]
        if errors:
            raise ValidationError(errors)
        new = {"labour_status": labour_status, "education": education,
               "exit_date": exit_date}
        if gender is not None:
            new["gender"] = gender
        changes = {}
        for name, value in new.items():
            old = getattr(participant, name)
            if old != value:
                changes[name] = [_plain(old), _plain(value)]
                setattr(participant, name, value)
        if changes:
            participant.save(update_fields=list(new))
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=participant,
                         changes=changes)
    return participant


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


# --- Consent and special categories --------------------------------------------------------------

def consent_record(*, participant, given, how, acting_user, now=None):
    """Record the participant's answer to the consent question: given or refused, and how.
    A consent already in force must be withdrawn before another answer is recorded."""
    _check_manage(participant, acting_user)
    if how not in ConsentHow.values:
        raise ValidationError({"how": _("Choose how the answer was given.")})
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.consent_in_force() is not None:
            raise ValidationError(_("Consent is already in force: withdraw it first."))
        consent = Consent.objects.create(participant=participant, given=bool(given), how=how,
                                         given_at=now or timezone.now(),
                                         recorded_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=consent,
                     changes={"given": bool(given), "how": how})
    return consent


def consent_withdraw(*, participant, acting_user, now=None):
    """The participant withdraws consent: from now on no special category is kept or
    counted (the values are removed). Snapshots taken before keep what was reported."""
    _check_manage(participant, acting_user)
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        consent = participant.consent_in_force()
        if consent is None:
            raise ValidationError(_("There is no consent in force to withdraw."))
        consent.withdrawn_at = now or timezone.now()
        consent.withdrawn_by = acting_user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        for name in SPECIAL_CATEGORIES:
            setattr(participant, name, None)
        participant.save(update_fields=list(SPECIAL_CATEGORIES))
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=consent,
                     changes={"withdrawn": True, "special_categories": "removed"})
    return consent


def special_categories_set(*, participant, values, acting_user):
    """Record the special categories ({name: True/False/None}) with consent in force only."""
    _check_manage(participant, acting_user)
    unknown = set(values) - set(SPECIAL_CATEGORIES)
    if unknown:
        raise ValueError(f"unknown special categories {sorted(unknown)}")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.consent_in_force() is None:
            raise ValidationError(_("Special categories are recorded only with the "
                                    "participant's consent: record it first."))
        for name, value in values.items():
            setattr(participant, name, value)
        participant.save(update_fields=list(values))
        # Which categories were answered, never the answers: the trail keeps no such data.
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=participant,
                     changes={"special_categories": sorted(
                         name for name, value in values.items() if value is not None)})
    return participant


# --- Snapshots -----------------------------------------------------------------------------------

def snapshot_take(*, acting_user, period, project=None, hub=None, now=None):
    """Compute the indicators now and keep them as reported: later changes to the records
    (retention, consent withdrawn) leave the snapshot as it is."""
    if not can(acting_user, "participants.take_snapshot"):
        raise PermissionDenied(_("You cannot take indicator snapshots."))
    start, end = period
    if end < start:
        raise ValidationError({"period_end": _("The end of the period cannot be before its "
                                               "start.")})
    with transaction.atomic():
        snapshot = IndicatorSnapshot.objects.create(
            project=project, hub=hub, period_start=start, period_end=end,
            figures=selectors.indicators(project=project, hub=hub, period=period),
            taken_at=now or timezone.now(), taken_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=snapshot,
                     changes={"project": project.code if project else None,
                              "hub": hub.code if hub else None,
                              "period": [start.isoformat(), end.isoformat()]})
    return snapshot


def participant_viewed(*, participant, acting_user, note="participant page"):
    """Audit a staff read of a participant's record."""
    audit_record(actor=acting_user, action=AuditAction.VIEW, target=participant, note=note)


def participants_listed(*, participants, acting_user, note="hub participants"):
    """Audit a staff read of a list of participants (a page of a hub's): an event each, under
    its household, written in one query."""
    from casa.core.models import AuditEvent

    AuditEvent.objects.bulk_create([
        audit_event(actor=acting_user, action=AuditAction.VIEW,
                    target_type=participant._meta.label_lower, target_id=participant.pk,
                    target_repr=str(participant), subject=participant.audit_subject, note=note)
        for participant in participants])
