"""Writes about appointments: book, move, cancel (the booking contract's local side, see
booking.py), the cancellations a closure or an absence causes, and what a Community Manager
records at the desk (walk-ins, no-shows, outcomes). Every write takes the acting user, is in the
audit trail, and tells the tenant through casa.notifications in its transaction.

No slot is booked twice: a booking locks the rows of the Community Managers it may go to (in
id order, so two bookings never wait on each other), checks again under the lock that the time
is free (availability.py, the same reads as the picker), and the conditional unique constraint
on (manager, start) refuses what a check could still miss.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casa.accounts.models import Role
from casa.core.audit import AuditAction, audit_event, audit_record, user_or_none
from casa.hubs import selectors as hubs
from casa.notifications.services import notify, recipient_language
from casa.registry.access import visible_households
from casa.registry.models import Household, Member
from casa.registry.signals import give_support, person_supported

from . import availability, rules
from .calendar import event_file
from .models import (
    DEFAULT_MINUTES,
    Appointment,
    BestTime,
    BookedVia,
    CallbackAttempt,
    CallbackRequest,
    CallbackSource,
    CallbackStatus,
    CancelledBecause,
    Kind,
    Status,
    Topic,
    TopicLength,
)


class BookingError(Exception):
    """A booking, move or cancellation that cannot be done, with the reason in the user's
    language (`code` for tests and the API)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


MESSAGES = {
    "taken": gettext_lazy("This time is no longer free: please choose another."),
    "hub": gettext_lazy("This Spazio CASA cannot take your booking: book at your own."),
    "household": gettext_lazy("This household is not one of yours."),
    "topic": gettext_lazy("Choose a topic from the list."),
    "too_many": gettext_lazy("You already have %(count)s appointments. To book another one, cancel "
                             "one first."),
    "cutoff": gettext_lazy("It is too late to change this appointment online. Please call your "
                           "Spazio CASA."),
    "not_booked": gettext_lazy("This appointment is no longer booked."),
    "not_started": gettext_lazy("The appointment has not started yet."),
    "note": gettext_lazy("The note can be at most %(count)s characters long."),
    "no_hub": gettext_lazy("We cannot find your Spazio CASA. Please call Aler Milano's tenant "
                           "service."),
    # Issue 11 (i11cb): call-back requests.
    "callback_open": gettext_lazy("You already asked us to call you back about “%(topic)s”. A "
                                  "Community Manager will call you. To change your request, cancel "
                                  "it first."),
    "phone": gettext_lazy("Write a phone number. An Italian number is fine, or a foreign number "
                          "that starts with +."),
    "best_time": gettext_lazy("Choose when it is best to call you from the list."),
    "callback_closed": gettext_lazy("This call-back request is no longer open."),
    "outcome": gettext_lazy("Write what was agreed on the call (at most %(count)s "
                            "characters)."),
}


def refusal(code, **values):
    """The BookingError of `code`, its message in the active language."""
    message = str(MESSAGES[code])
    return BookingError(message % values if values else message, code)


def _refuse(code, **values):
    raise refusal(code, **values)


def change_cutoff(appointment):
    """Until when a tenant can move or cancel online."""
    return appointment.starts_at - dt.timedelta(hours=settings.CASA_APPOINTMENT_CUTOFF_HOURS)


def tenant_can_change(appointment, now=None):
    return (appointment.status == Status.BOOKED and appointment.kind == Kind.APPOINTMENT
            and (now or timezone.now()) < change_cutoff(appointment))


def check_tenant_can_change(appointment, now=None):
    """Refuse (BookingError "not_booked" or "cutoff") unless a tenant can still move or cancel
    `appointment` online: what the pages and the API say before offering other times, and what
    a tenant's move or cancellation checks again under the lock."""
    if appointment.status != Status.BOOKED or appointment.kind != Kind.APPOINTMENT:
        _refuse("not_booked")
    if not tenant_can_change(appointment, now):
        _refuse("cutoff")


# --- Booking ---------------------------------------------------------------------------------

def bookable_hubs(household):
    """The hubs a household can book at: its building's, or the nearest while it has none."""
    found = hubs.hub_for_household(household)
    return [found.hub] if found else []


def _check_booker(*, household, hub, acting_user):
    if not visible_households(acting_user).filter(pk=household.pk, tenancy_end=None).exists():
        _refuse("household")
    if acting_user.role == Role.TENANT:
        if hub not in bookable_hubs(household):
            _refuse("hub")
    elif not acting_user.hubs.filter(pk=hub.pk).exists():
        _refuse("hub")


def _check_note(note):
    note = (note or "").strip()
    if len(note) > 500:
        _refuse("note", count=500)
    return note


def _lock_managers(ids):
    """Lock the Community Managers' rows, always in id order (no two bookings wait on each
    other)."""
    return {user.pk: user for user in get_user_model().objects.select_for_update()
            .filter(pk__in=ids).order_by("pk")}


def appointment_book(*, household, hub, topic, starts_at, note="", acting_user):
    """Book `household` a meeting on `topic` at `hub` starting at `starts_at` (a free time of
    availability.free_times). A tenant books online with any Community Manager of the hub; a
    Community Manager books a tenant who phones into their own agenda."""
    if topic not in Topic.values:
        _refuse("topic")
    note = _check_note(note)
    _check_booker(household=household, hub=hub, acting_user=acting_user)
    tenant = acting_user.role == Role.TENANT
    if tenant:
        upcoming = Appointment.objects.filter(household=household, status=Status.BOOKED,
                                              starts_at__gte=timezone.now()).count()
        if upcoming >= settings.CASA_APPOINTMENT_MAX_UPCOMING:
            _refuse("too_many", count=upcoming)
    minutes = dt.timedelta(minutes=availability.topic_minutes(hub, topic))
    with transaction.atomic():
        policy = availability.policy_for(acting_user, hub)
        candidates = availability.managers_free_at(hub, topic, starts_at, policy)
        managers = _lock_managers(candidates)
        # Under the lock: what another booking committed meanwhile is now seen.
        for manager_id in availability.managers_free_at(hub, topic, starts_at, policy):
            if manager_id not in managers:
                continue
            try:
                with transaction.atomic():
                    appointment = Appointment.objects.create(
                        hub=hub, manager=managers[manager_id], household=household,
                        topic=topic, starts_at=starts_at, ends_at=starts_at + minutes,
                        note=note, booked_via=BookedVia.APP if tenant else BookedVia.PHONE,
                        booked_by=user_or_none(acting_user))
            except IntegrityError:
                continue  # the constraint's last word: taken after all
            audit_record(actor=acting_user, action=AuditAction.CREATE, target=appointment,
                         changes=_facts(appointment))
            _tell(appointment, "appointments.booked", acting_user=acting_user,
                  key=f"appointments.booked:{appointment.pk}")
            return appointment
    _refuse("taken")


def appointment_move(*, appointment, starts_at, acting_user):
    """Move a booked appointment to another free time of its topic at its hub (a tenant until
    the cut-off). The same Community Manager keeps it when free then."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _check_change(appointment, acting_user)
        hub, topic = appointment.hub, appointment.topic
        policy = availability.policy_for(acting_user, hub)
        candidates = availability.managers_free_at(hub, topic, starts_at, policy,
                                                   exclude=appointment)
        managers = _lock_managers(candidates)
        before = appointment.starts_at
        for manager_id in availability.managers_free_at(hub, topic, starts_at, policy,
                                                        exclude=appointment):
            if manager_id not in managers:
                continue
            length = appointment.ends_at - appointment.starts_at
            appointment.manager = managers[manager_id]
            appointment.starts_at, appointment.ends_at = starts_at, starts_at + length
            appointment.sequence += 1
            try:
                with transaction.atomic():
                    appointment.save(update_fields=["manager", "starts_at", "ends_at",
                                                    "sequence"])
            except IntegrityError:
                continue
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appointment,
                         changes={"starts_at": [_local(before), _local(starts_at)],
                                  "manager": appointment.manager.email})
            _tell(appointment, "appointments.moved", acting_user=acting_user,
                  key=f"appointments.moved:{appointment.pk}:{appointment.sequence}")
            return appointment
    _refuse("taken")


def appointment_cancel(*, appointment, acting_user, because=None):
    """Cancel a booked appointment: a tenant until the cut-off; a Community Manager of the hub
    any time before it starts."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _check_change(appointment, acting_user)
        because = because or (CancelledBecause.TENANT if acting_user.role == Role.TENANT
                              else CancelledBecause.STAFF)
        _cancel(appointment, acting_user=acting_user, because=because)
    return appointment


def _check_change(appointment, acting_user):
    if acting_user.role == Role.TENANT:
        if not visible_households(acting_user).filter(pk=appointment.household_id).exists():
            _refuse("household")
        check_tenant_can_change(appointment)
    elif appointment.status != Status.BOOKED or appointment.kind != Kind.APPOINTMENT:
        _refuse("not_booked")
    elif not acting_user.hubs.filter(pk=appointment.hub_id).exists():
        _refuse("hub")


def _cancel(appointment, *, acting_user, because, reason=""):
    appointment.status = Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.cancelled_by = user_or_none(acting_user)
    appointment.cancelled_because = because
    appointment.sequence += 1
    appointment.save(update_fields=["status", "cancelled_at", "cancelled_by",
                                    "cancelled_because", "sequence"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appointment,
                 changes={"status": [Status.BOOKED, Status.CANCELLED],
                          "cancelled_because": because}, note=reason[:200])
    _tell(appointment, "appointments.cancelled", acting_user=acting_user,
          key=f"appointments.cancelled:{appointment.pk}", reason=reason)


def cancel_between(*, appointments, first, last, zone, acting_user, because, reason):
    """Cancel the booked appointments of `appointments` (a queryset) from day `first` to day
    `last`, both included; returns how many."""
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    hit = list(appointments.select_for_update().filter(
        status=Status.BOOKED, kind=Kind.APPOINTMENT, starts_at__gte=start, starts_at__lt=end,
        starts_at__gt=timezone.now()).order_by("pk"))
    for appointment in hit:
        _cancel(appointment, acting_user=acting_user, because=because, reason=reason)
    return len(hit)


def on_closure_added(sender, *, closure, acting_user, **kwargs):
    """casa.hubs.signals.closure_added: the hub's bookings on those days are cancelled."""
    return cancel_between(appointments=Appointment.objects.filter(hub=closure.hub),
                          first=closure.starts_on, last=closure.ends_on,
                          zone=hubs.hub_zone(closure.hub), acting_user=acting_user,
                          because=CancelledBecause.CLOSURE, reason=closure.reason)


def on_absence_added(sender, *, absence, acting_user, **kwargs):
    """casa.hubs.signals.absence_added: the Community Manager's bookings on those days are
    cancelled (the reason of an absence stays with staff)."""
    return cancel_between(appointments=Appointment.objects.filter(manager=absence.user),
                          first=absence.starts_on, last=absence.ends_on,
                          zone=hubs.hub_zone(), acting_user=acting_user,
                          because=CancelledBecause.ABSENCE, reason="")


# --- At the desk ---------------------------------------------------------------------------------

def _check_agenda(appointment, acting_user):
    if acting_user.role != Role.COMMUNITY_MANAGER or not acting_user.hubs.filter(
            pk=appointment.hub_id).exists():
        _refuse("hub")


def appointment_mark_no_show(*, appointment, acting_user):
    """The tenant did not come (once the appointment has started)."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _check_agenda(appointment, acting_user)
        if appointment.status != Status.BOOKED:
            _refuse("not_booked")
        if appointment.starts_at > timezone.now():
            _refuse("not_started")
        appointment.status = Status.NO_SHOW
        appointment.save(update_fields=["status"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appointment,
                     changes={"status": [Status.BOOKED, Status.NO_SHOW]})
    return appointment


def appointment_record_outcome(*, appointment, summary, private_note, acting_user):
    """The meeting was held: a summary the tenant reads, and a short note only staff read.
    Written again to correct it; a no-show turns out to have come after all."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _check_agenda(appointment, acting_user)
        if appointment.status == Status.CANCELLED:
            _refuse("not_booked")
        if appointment.starts_at > timezone.now():
            _refuse("not_started")
        before = appointment.status
        appointment.status = Status.ATTENDED
        appointment.summary = (summary or "").strip()
        appointment.private_note = (private_note or "").strip()
        appointment.save(update_fields=["status", "summary", "private_note"])
        # The texts stay out of the audit trail (the private note is for the desk only).
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=appointment,
                     changes={"status": [before, Status.ATTENDED],
                              "summary": "written" if appointment.summary else "",
                              "private_note": "written" if appointment.private_note else ""})
        _support_given(appointment, acting_user)
    return appointment


# Issue 11: an appointment with an outcome is support the European Social Fund counts.
def _support_given(appointment, acting_user):
    """Tell (casa.registry.signals.give_support) that the member who attended — the tenant
    who booked, else the head of household — received support at the appointment's hub."""
    if appointment.household_id is None:
        return  # a visitor who is not in the register
    booker = appointment.booked_by
    member = person_supported(
        appointment.household,
        fiscal_code=booker.fiscal_code if booker and booker.role == Role.TENANT else None)
    if member is None:
        return
    give_support(member=member, hub=appointment.hub,
                 on=timezone.localdate(appointment.starts_at),
                 source=f"appointments:outcome:{appointment.pk}", actor=acting_user)


def appointment_record_walk_in(*, hub, household, topic, summary, private_note, acting_user):
    """Someone came to the desk without an appointment (a household of the register, or None
    for a visitor who is not in it): recorded as held, now, with the Community Manager."""
    if topic not in Topic.values:
        _refuse("topic")
    if acting_user.role != Role.COMMUNITY_MANAGER or not acting_user.hubs.filter(
            pk=hub.pk).exists():
        _refuse("hub")
    if household is not None and not visible_households(acting_user).filter(
            pk=household.pk).exists():
        _refuse("household")
    now = timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.create(
            hub=hub, manager=acting_user, household=household, kind=Kind.WALK_IN, topic=topic,
            status=Status.ATTENDED, booked_via=BookedVia.DESK, starts_at=now,
            ends_at=now + dt.timedelta(minutes=availability.topic_minutes(hub, topic)),
            summary=(summary or "").strip(), private_note=(private_note or "").strip(),
            booked_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=appointment,
                     changes=_facts(appointment))
        _support_given(appointment, acting_user)
    return appointment


def topic_lengths_set(*, hub, minutes, acting_user):
    """Set how long a meeting on each topic lasts at the hub ({topic: minutes}); a topic at
    its usual length keeps no row. Bookings already made keep their length."""
    with transaction.atomic():
        current = dict(TopicLength.objects.filter(hub=hub).values_list("topic", "minutes"))
        changes = {}
        for topic in Topic:
            value = int(minutes.get(topic.value, DEFAULT_MINUTES[topic]))
            if not 10 <= value <= 240:
                raise ValueError(f"{value} minutes is out of range")
            before = current.get(topic.value, DEFAULT_MINUTES[topic])
            if value != before:
                changes[topic.value] = [before, value]
            if value == DEFAULT_MINUTES[topic]:
                TopicLength.objects.filter(hub=hub, topic=topic.value).delete()
            else:
                TopicLength.objects.update_or_create(hub=hub, topic=topic.value,
                                                     defaults={"minutes": value})
        if changes:
            audit_event(actor=acting_user, action=AuditAction.UPDATE,
                        target_type="appointments.topiclength", target_id=hub.code,
                        target_repr=hub.name, changes=changes).save()


# --- Telling the tenant -------------------------------------------------------------------------

def _local(moment):
    return timezone.localtime(moment, hubs.hub_zone()).strftime("%d/%m/%Y %H:%M")


def _facts(appointment):
    return {"kind": appointment.kind, "topic": appointment.topic,
            "starts_at": _local(appointment.starts_at), "manager": appointment.manager.email,
            "hub": appointment.hub.code}


def calendar_file(appointment):
    """The appointment's .ics text, in the active language."""
    hub = appointment.hub
    manager = appointment.manager.get_full_name() or _("a Community Manager")
    cancelled = appointment.status == Status.CANCELLED
    return event_file(
        uid=f"appointment-{appointment.pk}@{settings.CASA_CALENDAR_DOMAIN}",
        sequence=appointment.sequence, starts_at=appointment.starts_at,
        ends_at=appointment.ends_at, stamp=timezone.now(), cancelled=cancelled,
        summary=_("%(topic)s at %(hub)s") % {"topic": appointment.get_topic_display(),
                                             "hub": hub.name},
        location=f"{hub.name}, {hub.address}, {hub.municipality}",
        description=_("With %(manager)s. Phone: %(phone)s.")
        % {"manager": manager, "phone": hub.phone or "-"})


def calendar_filename():
    return _("appointment") + ".ics"


def _tell(appointment, kind, *, acting_user, key, reason=""):
    household = appointment.household
    if household is None:
        return []
    with translation.override(recipient_language(household=household)):
        attachment = (calendar_filename(), "text/calendar", calendar_file(appointment))
        context = {
            "topic": str(appointment.get_topic_display()),
            "starts_at": appointment.starts_at, "ends_at": appointment.ends_at,
            "hub_name": appointment.hub.name,
            "hub_address": f"{appointment.hub.address}, {appointment.hub.municipality}",
            "hub_phone": appointment.hub.phone,
            "manager": appointment.manager.get_full_name(),
            "because": appointment.cancelled_because, "reason": reason,
            "cutoff": change_cutoff(appointment),
        }
    return notify(kind=kind, household=household, context=context,
                  link=f"/my/appointments/{appointment.pk}/", key=key,
                  attachments=[attachment], actor=acting_user)


def appointment_remind(appointment, *, actor):
    """The day-before reminder, through the outbox (reminders.py decides when)."""
    return _tell(appointment, "appointments.reminder", acting_user=actor,
                 key=f"appointments.reminder:{appointment.pk}:"
                     f"{appointment.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M}")


# --- Tenants to call back (issue 11, i11cb) ----------------------------------------------------

def callback_hub(household, acting_user):
    """The hub a call-back request of `household` goes to: the household's own (or nearest)
    for a tenant; for a Community Manager, the household's hub when it is one of theirs, else
    the first of theirs. None when there is none."""
    if acting_user.role == Role.TENANT:
        found = bookable_hubs(household)
        return found[0] if found else None
    mine = list(acting_user.hubs.order_by("name"))
    own = household.unit.building.hub
    return own if own in mine else (mine[0] if mine else None)


def callback_phone(household, acting_user=None):
    """The number to prefill: the register's for the household (the account has none)."""
    return household.phone if household is not None else ""


def _check_callback_fields(*, topic, phone, best_time, note):
    if topic not in Topic.values:
        _refuse("topic")
    if best_time not in BestTime.values:
        _refuse("best_time")
    number = rules.phone_number(phone)
    if number is None:
        _refuse("phone")
    return number, _check_note(note)


def callback_ask(*, household, topic, phone, best_time=BestTime.ANY, note="", source=None,
                 acting_user):
    """Ask a Community Manager to call `household` back about `topic` at `phone`: a tenant for
    their own household (in the app), a Community Manager for a household of their hubs (a
    phone message, or at the desk). One open request per household and topic: checked under a
    lock on the household, the constraint refusing what a check could still miss."""
    number, note = _check_callback_fields(topic=topic, phone=phone, best_time=best_time,
                                          note=note)
    tenant = acting_user.role == Role.TENANT
    if not visible_households(acting_user).filter(pk=household.pk, tenancy_end=None).exists():
        _refuse("household")
    if not tenant and acting_user.role != Role.COMMUNITY_MANAGER:
        _refuse("hub")
    hub = callback_hub(household, acting_user)
    if hub is None:
        _refuse("no_hub" if tenant else "hub")
    source = CallbackSource.APP if tenant else (source or CallbackSource.PHONE)
    if source not in CallbackSource.values:
        source = CallbackSource.PHONE
    member = (Member.objects.current().filter(household=household,
                                             fiscal_code=acting_user.fiscal_code).first()
              if tenant and acting_user.fiscal_code else None)
    topic_label = str(Topic(topic).label)
    with transaction.atomic():
        # Under the lock: a request another tab or device committed meanwhile is now seen.
        Household.objects.select_for_update().filter(pk=household.pk).first()
        if CallbackRequest.objects.filter(household=household, topic=topic,
                                          status=CallbackStatus.OPEN).exists():
            _refuse("callback_open", topic=topic_label)
        try:
            with transaction.atomic():
                callback = CallbackRequest.objects.create(
                    household=household, member=member, asked_by=user_or_none(acting_user),
                    hub=hub, phone=number, topic=topic, best_time=best_time, note=note,
                    source=source)
        except IntegrityError:
            _refuse("callback_open", topic=topic_label)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=callback,
                     changes={"topic": topic, "hub": hub.code, "source": source,
                              "best_time": best_time})
    return callback


def _lock_open_callback(callback, acting_user, *, staff):
    callback = CallbackRequest.objects.select_for_update().select_related(
        "household", "hub").get(pk=callback.pk)
    if staff:
        if acting_user.role != Role.COMMUNITY_MANAGER or not acting_user.hubs.filter(
                pk=callback.hub_id).exists():
            _refuse("hub")
    elif not visible_households(acting_user).filter(pk=callback.household_id).exists():
        _refuse("household")
    if callback.status != CallbackStatus.OPEN:
        _refuse("callback_closed")
    return callback


def callback_cancel(*, callback, acting_user):
    """The tenant no longer needs the call (their own household's open request)."""
    with transaction.atomic():
        callback = _lock_open_callback(callback, acting_user, staff=False)
        callback.status = CallbackStatus.CANCELLED
        callback.cancelled_at = timezone.now()
        callback.save(update_fields=["status", "cancelled_at"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=callback,
                     changes={"status": [CallbackStatus.OPEN, CallbackStatus.CANCELLED]})
    return callback


def callback_no_answer(*, callback, acting_user):
    """A Community Manager of the hub called and nobody answered: the try is recorded, with
    its time, and the request stays open."""
    with transaction.atomic():
        callback = _lock_open_callback(callback, acting_user, staff=True)
        attempt = CallbackAttempt.objects.create(request=callback, by=user_or_none(acting_user))
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=callback,
                     changes={"attempt": _local(attempt.at)})
    return callback


def callback_done(*, callback, outcome, acting_user):
    """A Community Manager of the hub called back: what was agreed is kept, and the tenant is
    told in the app that the request is closed."""
    outcome = (outcome or "").strip()
    if not outcome or len(outcome) > 1000:
        _refuse("outcome", count=1000)
    with transaction.atomic():
        callback = _lock_open_callback(callback, acting_user, staff=True)
        callback.status = CallbackStatus.DONE
        callback.done_by = user_or_none(acting_user)
        callback.done_at = timezone.now()
        callback.outcome = outcome
        callback.save(update_fields=["status", "done_by", "done_at", "outcome"])
        # The outcome's text stays out of the trail (it can be about arrears or health).
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=callback,
                     changes={"status": [CallbackStatus.OPEN, CallbackStatus.DONE]})
        household = callback.household
        with translation.override(recipient_language(household=household)):
            context = {"topic": str(callback.get_topic_display()),
                       "hub_name": callback.hub.name, "hub_phone": callback.hub.phone,
                       "outcome": outcome}
        notify(kind="appointments.called_back", household=household, context=context,
               link="/my/appointments/call-back/", key=f"appointments.called_back:{callback.pk}",
               actor=acting_user, channels=["app"])
    return callback


__all__ = ["BookingError", "appointment_book", "appointment_cancel",
           "appointment_mark_no_show", "appointment_move", "appointment_record_outcome",
           "appointment_record_walk_in", "appointment_remind", "calendar_file",
           "callback_ask", "callback_cancel", "callback_done", "callback_no_answer",
           "cancel_between", "on_absence_added", "on_closure_added", "topic_lengths_set"]
