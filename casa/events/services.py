"""Writes for events: organising one (create, change, cancel), registrations (by the tenant or
by staff on the household's behalf), cancelling one, the waiting list, and attendance.

Every write that touches an event's places locks the event's row first
(`select_for_update`), so concurrent registrations are served one after the other and never
confirm more people than the places: the lock is the one control of the capacity. Messages to
households go through the outbox (casa.notifications), written in the same transaction. Every
write takes the acting user and goes into the audit trail."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casa.core.access import can
from casa.core.audit import AuditAction, audit_record
from casa.notifications.services import notify, notify_many

from . import rules, selectors
from .models import ACTIVE, Attendance, Event, Registration, RegistrationStatus

TITLE_MAX = Event._meta.get_field("title").max_length
PLACE_MAX = Event._meta.get_field("place").max_length
MAX_CAPACITY = 10_000
MAX_PEOPLE = 20


def lock_event(event):
    """The event's row, locked until the caller's transaction ends: every change of its places
    starts here (one lock order: the event, then its registrations)."""
    return Event.objects.select_for_update().select_related("hub").get(pk=event.pk)


def _event_context(event):
    return {"title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at,
            "place": event.place, "hub": event.hub.name}


def _link(event):
    return reverse("events:my_event", args=[event.pk])


def _check_event(*, hub, title, starts_at, ends_at, place, capacity, max_people, acting_user,
                 now, event=None):
    errors = {}
    if hub is None:
        errors["hub"] = _("Choose the Spazio CASA.")
    elif not selectors.may_manage(acting_user, hub):
        errors["hub"] = _("You can organise events only at your own Spazi CASA.")
    if not title.strip():
        errors["title"] = _("Write a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Write a title of at most %(count)s characters.") % {
            "count": TITLE_MAX}
    if not place.strip():
        errors["place"] = _("Write where the event takes place.")
    elif len(place) > PLACE_MAX:
        errors["place"] = _("Write the place in at most %(count)s characters.") % {
            "count": PLACE_MAX}
    if starts_at is None:
        errors["starts_at"] = _("Write when the event starts.")
    elif (event is None or starts_at != event.starts_at) and starts_at <= now:
        errors["starts_at"] = _("The event must start in the future.")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if ends_at is None:
        errors["ends_at"] = _("Write when the event ends.")
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _("Write a number of places from 1 to %(max)s.") % {
            "max": MAX_CAPACITY}
    if max_people is None or not 1 <= max_people <= MAX_PEOPLE:
        errors["max_people"] = _("Write a number of people from 1 to %(max)s.") % {
            "max": MAX_PEOPLE}
    elif capacity and max_people > capacity:
        errors["max_people"] = _("A household cannot bring more people than the places.")
    return errors


def event_create(*, hub, title, description="", starts_at, ends_at, place, capacity,
                 max_people=4, acting_user):
    now = timezone.now()
    title, place, description = title.strip(), place.strip(), (description or "").strip()
    errors = _check_event(hub=hub, title=title, starts_at=starts_at, ends_at=ends_at,
                          place=place, capacity=capacity, max_people=max_people,
                          acting_user=acting_user, now=now)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = Event.objects.create(hub=hub, title=title, description=description,
                                     starts_at=starts_at, ends_at=ends_at, place=place,
                                     capacity=capacity, max_people=max_people,
                                     created_by=acting_user, created_at=now)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=event,
                     changes={"hub": hub.code, "title": title, "capacity": capacity,
                              "starts_at": _iso(starts_at), "place": place})
    return event


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes")


def event_update(*, event, title, description="", starts_at, ends_at, place, capacity,
                 max_people, acting_user):
    """Change an event that has not started. Fewer places than the people already confirmed
    are refused; more places promote the waiting list. A new time or place is told to every
    household registered or waiting."""
    now = timezone.now()
    title, place, description = title.strip(), place.strip(), (description or "").strip()
    with transaction.atomic():
        event = lock_event(event)
        if event.is_cancelled:
            raise ValidationError(_("This event was cancelled: it cannot be changed."))
        if event.has_started(now):
            raise ValidationError(_("This event has started: it cannot be changed."))
        errors = _check_event(hub=event.hub, title=title, starts_at=starts_at,
                              ends_at=ends_at, place=place, capacity=capacity,
                              max_people=max_people, acting_user=acting_user, now=now,
                              event=event)
        taken = selectors.places(event)["taken"]
        if "capacity" not in errors and capacity < taken:
            errors["capacity"] = ngettext(
                "%(count)s person is already registered: the places cannot be fewer.",
                "%(count)s people are already registered: the places cannot be fewer.",
                taken) % {"count": taken}
        if errors:
            raise ValidationError(errors)
        new = {"title": title, "description": description, "starts_at": starts_at,
               "ends_at": ends_at, "place": place, "capacity": capacity,
               "max_people": max_people}
        changes = {name: [_plain(getattr(event, name)), _plain(value)]
                   for name, value in new.items() if getattr(event, name) != value}
        if not changes:
            return event
        moved = any(name in changes for name in ("starts_at", "ends_at", "place"))
        for name, value in new.items():
            setattr(event, name, value)
        event.save()
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=event,
                     changes=changes)
        if moved:
            _tell_registered(event, kind="events.changed", acting_user=acting_user,
                             key=f"events.changed:{event.pk}:{_iso(now)}")
        _promote(event, acting_user=acting_user)
    return event


def _plain(value):
    return _iso(value) if hasattr(value, "tzinfo") and value.tzinfo else value


def _tell_registered(event, *, kind, acting_user, key, extra=None):
    """One message to every household registered or waiting for the event."""
    registrations = (Registration.objects.filter(event=event, status__in=ACTIVE)
                     .select_related("household"))
    context = {**_event_context(event), **(extra or {})}
    notify_many([{"kind": kind, "household": registration.household, "context": context,
                  "link": _link(event), "key": f"{key}:{registration.household.code}"}
                 for registration in registrations], actor=acting_user)


def event_cancel(*, event, reason, acting_user):
    """Cancel the whole event: every household registered or waiting gets a message."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the event is cancelled: the households "
                                           "registered will read it.")})
    if len(reason) > Event._meta.get_field("cancel_reason").max_length:
        raise ValidationError({"reason": _("Write the reason in at most 300 characters.")})
    with transaction.atomic():
        event = lock_event(event)
        if not selectors.may_manage(acting_user, event):
            raise ValidationError(_("You can organise events only at your own Spazi CASA."))
        if event.is_cancelled:
            return event
        if event.ends_at <= timezone.now():
            raise ValidationError(_("This event is over: it cannot be cancelled."))
        event.cancelled_at = timezone.now()
        event.cancelled_by = acting_user
        event.cancel_reason = reason
        event.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=event,
                     changes={"cancelled": [None, _iso(event.cancelled_at)],
                              "reason": reason})
        _tell_registered(event, kind="events.cancelled", acting_user=acting_user,
                         key=f"events.cancelled:{event.pk}", extra={"reason": reason})
    return event


# --- Registrations --------------------------------------------------------------------------

def _may_register(acting_user, event, household):
    """Whether `acting_user` may register `household`: a tenant their own household (their
    scope holds only it), staff a household they follow for an event of their scope."""
    if acting_user.is_casa_staff:
        return (can(acting_user, "events.register_households")
                and selectors.household_in_scope(acting_user, household)
                and Event.objects.filter(selectors.staff_scope(acting_user),
                                         pk=event.pk).exists())
    return (can(acting_user, "events.take_part")
            and selectors.household_in_scope(acting_user, household))


def registration_create(*, event, household, people, acting_user):
    """Register a household for an event, for `people` people: confirmed if they fit in the
    free places and nobody waits, else on the waiting list. A household already registered
    gets its registration back (a form sent twice registers once). The household is told,
    in the app and by e-mail. Returns (registration, created)."""
    if not _may_register(acting_user, event, household):
        raise ValidationError(_("You cannot register this household."))
    with transaction.atomic():
        event = lock_event(event)
        existing = selectors.active_registration(event, household)
        if existing is not None:
            return existing, False
        now = timezone.now()
        if event.is_cancelled:
            raise ValidationError(_("This event was cancelled."))
        if event.has_started(now):
            raise ValidationError(_("This event has already started: registrations are "
                                    "closed."))
        limit = min(event.max_people, event.capacity)
        if people is None or not 1 <= people <= limit:
            raise ValidationError({"people": ngettext(
                "Register %(count)s person at most.",
                "Register from 1 to %(count)s people.", limit) % {"count": limit}})
        places = selectors.places(event)
        status = rules.placement(capacity=event.capacity, taken=places["taken"],
                                 people=people, anyone_waiting=places["waiting"] > 0)
        on_behalf = acting_user.is_casa_staff
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, household=household, people=people, status=status,
                    registered_by=acting_user, on_behalf=on_behalf, created_at=now,
                    confirmed_at=now if status == rules.CONFIRMED else None)
        except IntegrityError:
            # Registered meanwhile through another path that did not lock the event.
            return selectors.active_registration(event, household), False
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=registration,
                     changes={"event": event.audit_key, "people": people, "status": status,
                              "on_behalf": on_behalf})
        kind = "events.registered" if status == rules.CONFIRMED else "events.waiting"
        notify(kind=kind, household=household,
               context={**_event_context(event), "people": people,
                        "position": selectors.waiting_position(registration)},
               link=_link(event), key=f"{kind}:{registration.pk}", actor=acting_user)
    return registration, True


def registration_cancel(*, registration, acting_user):
    """Cancel a registration (the tenant their own, staff one of a household they follow),
    until the event starts. Freed places promote the waiting list, each promoted household
    told; a household whose registration staff cancelled is told too."""
    if not _may_register(acting_user, registration.event, registration.household):
        raise ValidationError(_("You cannot cancel this registration."))
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_for_update().select_related(
            "household").get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        now = timezone.now()
        if event.has_started(now) and not event.is_cancelled:
            raise ValidationError(_("The event has started: the registration can no longer be "
                                    "cancelled."))
        before = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = acting_user
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=registration,
                     changes={"status": [before, RegistrationStatus.CANCELLED]})
        if acting_user.is_casa_staff:
            notify(kind="events.registration_cancelled", household=registration.household,
                   context=_event_context(event), link=_link(event),
                   key=f"events.registration_cancelled:{registration.pk}", actor=acting_user)
        if not event.is_cancelled:
            _promote(event, acting_user=acting_user)
    return registration


def _promote(event, *, acting_user):
    """Confirm the waiting registrations that the free places now allow, in order, and tell
    each household. The caller holds the event's lock."""
    places = selectors.places(event)
    waiting = list(selectors.waiting_list(event).select_related("household"))
    promoted = set(rules.promotions(capacity=event.capacity, taken=places["taken"],
                                    waiting=[(r.pk, r.people) for r in waiting]))
    if not promoted:
        return []
    now = timezone.now()
    Registration.objects.filter(pk__in=promoted).update(status=RegistrationStatus.CONFIRMED,
                                                        confirmed_at=now)
    done = [registration for registration in waiting if registration.pk in promoted]
    for registration in done:
        registration.status = RegistrationStatus.CONFIRMED
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=registration,
                     changes={"status": [RegistrationStatus.WAITING,
                                         RegistrationStatus.CONFIRMED]},
                     note="waiting list")
    notify_many([{"kind": "events.promoted", "household": registration.household,
                  "context": {**_event_context(event), "people": registration.people},
                  "link": _link(event), "key": f"events.promoted:{registration.pk}"}
                 for registration in done], actor=acting_user)
    return done


def attendance_record(*, event, marks, acting_user):
    """Record who came: `marks` is {registration id: "attended" | "absent" | ""} for the
    event's confirmed registrations, from the day of the event. Returns how many changed."""
    if not selectors.may_manage(acting_user, event):
        raise ValidationError(_("You can organise events only at your own Spazi CASA."))
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if timezone.localdate(event.starts_at) > timezone.localdate():
        raise ValidationError(_("Attendance can be recorded from the day of the event."))
    allowed = {"", *Attendance.values}
    if any(value not in allowed for value in marks.values()):
        raise ValidationError(_("Choose “came” or “did not come” for each household."))
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        registrations = (Registration.objects.select_for_update()
                         .filter(event=event, status=RegistrationStatus.CONFIRMED,
                                 pk__in=list(marks)).select_related("household"))
        for registration in registrations:
            value = marks[registration.pk]
            if value == registration.attendance:
                continue
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=registration,
                         changes={"attendance": [registration.attendance, value]})
            registration.attendance = value
            registration.attendance_recorded_at = now
            registration.attendance_recorded_by = acting_user
            registration.save(update_fields=["attendance", "attendance_recorded_at",
                                             "attendance_recorded_by"])
            changed += 1
    return changed
