"""A tenant's appointments in the JSON API: their appointments, the hubs where they can book,
the topics, days and free times, and booking, moving and cancelling. Everything goes through
the booking contract (booking.py) as the tenant's pages do (views.py), so the same checks hold:
the `appointments.book` capability (checked before anything the request sends is read), the
household's own hub, the lead time and the horizon of the free times, the cut-off for moving
and cancelling, and the messages and the audit trail of each write.

A refusal of the contract (BookingError) answers 422, shaped like a parameter that cannot be
read (casa.core.api.invalid), with the refusal's code as `type` ("taken", "cutoff", ...) and
the reason in the caller's language as `msg`: see docs/architecture.md for the codes.
"""

import datetime as dt

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from casa.core.api import SessionWith, invalid, refusals
from casa.hubs.selectors import hub_today, hub_zone
from casa.registry.selectors import tenant_household

from . import selectors, services
from .booking import BookingError, chosen_topic, get_agenda

# Every operation: a session (401) and the tenant's capability (403), checked before the
# parameters and the body are read.
router = Router(tags=["appointments"], auth=SessionWith("appointments.book"))
# Issue 11 (i11cb): the Community Managers' side of the call-back requests, the same way with
# their capability.
staff_router = Router(tags=["appointments"], auth=SessionWith("appointments.run_agenda"))

# Where in the request each refusal points; the others point at the whole request.
FIELDS = {"taken": "starts_at", "hub": "hub", "no_hub": "hub", "topic": "topic",
          "note": "note", "phone": "phone", "best_time": "best_time",
          "callback_open": "topic", "outcome": "outcome"}


class AppointmentHubOut(Schema):
    code: str
    name: str
    address: str
    municipality: str
    phone: str


class TopicOut(Schema):
    value: str
    label: str
    minutes: int


class TopicRef(Schema):
    value: str
    label: str


class TimeOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime


class AppointmentOut(Schema):
    id: int
    kind: str
    status: str
    topic: TopicRef
    hub: AppointmentHubOut
    manager: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    note: str
    summary: str
    cancelled_because: str
    can_change: bool
    change_until: dt.datetime
    calendar_url: str


class MyAppointmentsOut(Schema):
    upcoming: list[AppointmentOut]
    past: list[AppointmentOut]


class BookIn(Schema):
    hub: str
    topic: str
    starts_at: dt.datetime
    note: str = ""


class MoveIn(Schema):
    starts_at: dt.datetime


def _hub(hub):
    return {"code": hub.code, "name": hub.name, "address": hub.address,
            "municipality": hub.municipality, "phone": hub.phone}


def _local(moment, hub):
    return moment.astimezone(hub_zone(hub))


def _appointment(appointment):
    hub = appointment.hub
    return {
        "id": appointment.pk, "kind": appointment.kind, "status": appointment.status,
        "topic": {"value": appointment.topic, "label": str(appointment.get_topic_display())},
        "hub": _hub(hub), "manager": appointment.manager.get_full_name(),
        "starts_at": _local(appointment.starts_at, hub),
        "ends_at": _local(appointment.ends_at, hub),
        "note": appointment.note, "summary": appointment.summary,
        "cancelled_because": appointment.cancelled_because,
        "can_change": services.tenant_can_change(appointment),
        "change_until": _local(services.change_cutoff(appointment), hub),
        "calendar_url": reverse("appointments:my_appointment_calendar",
                                args=[appointment.pk]),
    }


def _times(slots, hub):
    return [{"starts_at": _local(slot.starts_at, hub), "ends_at": _local(slot.ends_at, hub)}
            for slot in slots]


def _refused(error: BookingError, where):
    """The contract's refusal as a 422: its code, and its message in the caller's language."""
    field = FIELDS.get(error.code)
    raise invalid(("body", field) if field else where, error.message, code=error.code)


def _in_hub_time(moment, hub):
    """A start sent without an offset is the hub's time, as the pages show it."""
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=hub_zone(hub))


def _bookable_hubs(user):
    household = tenant_household(user)
    return household, (get_agenda().hubs(household) if household else [])


def _named(hubs, code):
    return next((hub for hub in hubs if hub.code == code), None)


def _bookable_hub_or_404(user, code):
    _household, hubs = _bookable_hubs(user)
    hub = _named(hubs, code)
    if hub is None:
        raise Http404
    return hub


def _topic_or_404(hub, topic):
    try:
        return chosen_topic(get_agenda().topics(hub), topic)
    except BookingError:
        raise Http404 from None


def _mine_or_404(user, appointment_id):
    appointment = selectors.tenant_appointment(user, appointment_id)
    if appointment is None:
        raise Http404
    return appointment


def _movable(user, appointment_id):
    """One of the tenant's appointments that can still be moved online; refused (422) when
    it is no longer booked or the cut-off has passed, as the page says."""
    appointment = _mine_or_404(user, appointment_id)
    try:
        services.check_tenant_can_change(appointment)
    except BookingError as error:
        _refused(error, ("path", "appointment_id"))
    return appointment


# --- Reading -------------------------------------------------------------------------------------

# No session: 401. Not a tenant: 403. A control character anywhere: 422 (every operation).
@router.get("appointments", response={200: MyAppointmentsOut, **refusals(401, 403)},
            url_name="appointment_list", summary="My appointments")
def appointment_list(request):
    """The household's upcoming appointments, soonest first, and the latest past or cancelled
    ones, newest first; none without a household."""
    user = request.auth
    household = tenant_household(user)
    upcoming, past = selectors.tenant_appointments(household) if household else ([], [])
    return {"upcoming": [_appointment(appointment) for appointment in upcoming],
            "past": [_appointment(appointment) for appointment in past]}


# No session: 401. Not a tenant: 403.
@router.get("appointments/hubs", response={200: list[AppointmentHubOut], **refusals(401, 403)},
            url_name="appointment_hubs", summary="Where I can book")
def appointment_hubs(request):
    """The Spazi CASA where the household can book: its building's, or the nearest while the
    building has none; none without a household."""
    user = request.auth
    _household, hubs = _bookable_hubs(user)
    return [_hub(hub) for hub in hubs]


# No session: 401. Not a tenant: 403. A hub where the household cannot book, or none: 404.
@router.get("appointments/hubs/{hub}/topics",
            response={200: list[TopicOut], **refusals(401, 403, 404)},
            url_name="appointment_topics", summary="What I can book a meeting about")
def appointment_topics(request, hub: str):
    """The topics of a meeting at the hub, with how many minutes one lasts there."""
    user = request.auth
    found = _bookable_hub_or_404(user, hub)
    return [{"value": option.value, "label": str(option.label), "minutes": option.minutes}
            for option in get_agenda().topics(found)]


# No session: 401. Not a tenant: 403. A hub where the household cannot book, or no such
# topic: 404.
@router.get("appointments/hubs/{hub}/topics/{topic}/days",
            response={200: list[dt.date], **refusals(401, 403, 404)},
            url_name="appointment_days", summary="Days with a free time")
def appointment_days(request, hub: str, topic: str):
    """The days with at least one free time for the topic, from the lead time (2 hours) up to
    the horizon (30 days)."""
    user = request.auth
    found = _bookable_hub_or_404(user, hub)
    option = _topic_or_404(found, topic)
    return get_agenda().days(found, option.value, acting_user=user)


# No session: 401. Not a tenant: 403. A hub where the household cannot book, or no such
# topic: 404. A day that is not a date: 422.
@router.get("appointments/hubs/{hub}/topics/{topic}/days/{day}",
            response={200: list[TimeOut], **refusals(401, 403, 404)},
            url_name="appointment_times", summary="Free times of a day")
def appointment_times(request, hub: str, topic: str, day: dt.date):
    """The free times of the day, in the hub's time (none on a day without any)."""
    user = request.auth
    found = _bookable_hub_or_404(user, hub)
    option = _topic_or_404(found, topic)
    return _times(get_agenda().times(found, option.value, day, acting_user=user), found)


# No session: 401. Not a tenant: 403. Another household's appointment, or none: 404.
@router.get("appointments/{appointment_id}",
            response={200: AppointmentOut, **refusals(401, 403, 404)},
            url_name="appointment_detail", summary="One of my appointments")
def appointment_detail(request, appointment_id: int):
    user = request.auth
    return _appointment(_mine_or_404(user, appointment_id))


# No session: 401. Not a tenant: 403. Another household's appointment, or none: 404. No
# longer booked, or past the cut-off: 422.
@router.get("appointments/{appointment_id}/move/days",
            response={200: list[dt.date], **refusals(401, 403, 404)},
            url_name="appointment_move_days", summary="Days to move an appointment to")
def appointment_move_days(request, appointment_id: int):
    """The days with a free time for the appointment's topic at its hub (its own time counts
    as free)."""
    user = request.auth
    appointment = _movable(user, appointment_id)
    return get_agenda().days(appointment.hub, appointment.topic, acting_user=user,
                             exclude=appointment)


# No session: 401. Not a tenant: 403. Another household's appointment, or none: 404. No
# longer booked, or past the cut-off, or a day that is not a date: 422.
@router.get("appointments/{appointment_id}/move/days/{day}",
            response={200: list[TimeOut], **refusals(401, 403, 404)},
            url_name="appointment_move_times", summary="Times to move an appointment to")
def appointment_move_times(request, appointment_id: int, day: dt.date):
    user = request.auth
    appointment = _movable(user, appointment_id)
    return _times(get_agenda().times(appointment.hub, appointment.topic, day,
                                     acting_user=user, exclude=appointment), appointment.hub)


# --- Writing -------------------------------------------------------------------------------------

# No session: 401. Not a tenant: 403. Not JSON: 400. A body that cannot be read, or a refusal
# (no hub, not the household's hub, no such topic, a time that is not free, too many
# appointments, a note too long): 422 with the refusal's code.
@router.post("appointments", response={200: AppointmentOut, **refusals(400, 401, 403)},
             url_name="appointment_book", summary="Book an appointment")
def appointment_book(request, payload: BookIn):
    """Book the household a meeting on `topic` at `hub`, at one of the free times (its
    `starts_at`; without an offset, the hub's time). The household is told by message and
    e-mail, with the calendar file."""
    user = request.auth
    household, hubs = _bookable_hubs(user)
    hub = _named(hubs, payload.hub)
    try:
        if not hubs:
            raise services.refusal("no_hub")
        if hub is None:
            raise services.refusal("hub")
        appointment = get_agenda().book(
            household=household, hub=hub, topic=payload.topic,
            starts_at=_in_hub_time(payload.starts_at, hub), note=payload.note,
            acting_user=user)
    except BookingError as error:
        _refused(error, ("body",))
    return _appointment(appointment)


# No session: 401. Not a tenant: 403. Another household's appointment, or none: 404. Not
# JSON: 400. A body that cannot be read, or a refusal (no longer booked, past the cut-off, a
# time that is not free): 422 with the refusal's code.
@router.post("appointments/{appointment_id}/move",
             response={200: AppointmentOut, **refusals(400, 401, 403, 404)},
             url_name="appointment_move", summary="Move my appointment")
def appointment_move(request, appointment_id: int, payload: MoveIn):
    """Move the appointment to another free time of its topic at its hub, until the cut-off
    (24 hours before). The household is told, with the new calendar file."""
    user = request.auth
    appointment = _mine_or_404(user, appointment_id)
    try:
        appointment = get_agenda().move(
            appointment=appointment,
            starts_at=_in_hub_time(payload.starts_at, appointment.hub), acting_user=user)
    except BookingError as error:
        _refused(error, ("path", "appointment_id"))
    return _appointment(appointment)


# No session: 401. Not a tenant: 403. Another household's appointment, or none: 404. No
# longer booked, or past the cut-off: 422 with the refusal's code.
@router.post("appointments/{appointment_id}/cancel",
             response={200: AppointmentOut, **refusals(401, 403, 404)},
             url_name="appointment_cancel", summary="Cancel my appointment")
def appointment_cancel(request, appointment_id: int):
    """Cancel the appointment, until the cut-off; the time is free again and the household is
    told, with a calendar file that removes the event."""
    user = request.auth
    appointment = _mine_or_404(user, appointment_id)
    try:
        appointment = get_agenda().cancel(appointment=appointment, acting_user=user)
    except BookingError as error:
        _refused(error, ("path", "appointment_id"))
    return _appointment(appointment)


# --- Tenants to call back (issue 11, i11cb) ----------------------------------------------------

class CallbackAttemptOut(Schema):
    at: dt.datetime


class CallbackOut(Schema):
    id: int
    status: str
    topic: TopicRef
    hub: AppointmentHubOut
    phone: str
    best_time: str
    note: str
    source: str
    created_at: dt.datetime
    attempts: list[CallbackAttemptOut]
    done_at: dt.datetime | None
    outcome: str


class StaffCallbackOut(CallbackOut):
    household: str
    asked_by: str


class MyCallbacksOut(Schema):
    open: list[CallbackOut]
    closed: list[CallbackOut]


class CallbackIn(Schema):
    topic: str
    phone: str
    best_time: str = "any"
    note: str = ""


class CallbackDoneIn(Schema):
    outcome: str


def _callback(callback):
    hub = callback.hub
    return {
        "id": callback.pk, "status": callback.status,
        "topic": {"value": callback.topic, "label": str(callback.get_topic_display())},
        "hub": _hub(hub), "phone": callback.phone, "best_time": callback.best_time,
        "note": callback.note, "source": callback.source,
        "created_at": _local(callback.created_at, hub),
        "attempts": [{"at": _local(attempt.at, hub)} for attempt in callback.attempts.all()],
        "done_at": _local(callback.done_at, hub) if callback.done_at else None,
        "outcome": callback.outcome,
    }


def _staff_callback(callback):
    member = callback.member
    return {**_callback(callback), "household": callback.household.code,
            "asked_by": f"{member.first_name} {member.last_name}" if member else ""}


def _my_callback_or_404(user, callback_id):
    callback = selectors.tenant_callback(user, callback_id)
    if callback is None:
        raise Http404
    return callback


# No session: 401. Not a tenant: 403. A control character anywhere: 422.
@router.get("callbacks", response={200: MyCallbacksOut, **refusals(401, 403)},
            url_name="callback_list", summary="My requests to be called back")
def callback_list(request):
    """The household's open requests, oldest first, and the latest closed ones (called back,
    with what was agreed, or cancelled), newest first."""
    open_rows, closed = selectors.tenant_callbacks(request.auth)
    return {"open": [_callback(row) for row in open_rows],
            "closed": [_callback(row) for row in closed]}


# No session: 401. Not a tenant: 403. Not JSON: 400. A body that cannot be read, or a refusal
# (no hub, no such topic, not a phone number, a request on the topic already open, a note too
# long): 422 with the refusal's code.
@router.post("callbacks", response={200: CallbackOut, **refusals(400, 401, 403)},
             url_name="callback_ask", summary="Ask to be called back")
def callback_ask(request, payload: CallbackIn):
    """Ask a Community Manager of the household's Spazio CASA to call back on `phone` (an
    Italian or an international number) about `topic`, `best_time` "any", "morning" or
    "afternoon". One open request per topic."""
    user = request.auth
    household = tenant_household(user)
    try:
        if household is None:
            raise services.refusal("no_hub")
        callback = services.callback_ask(household=household, topic=payload.topic,
                                         phone=payload.phone, best_time=payload.best_time,
                                         note=payload.note, acting_user=user)
    except BookingError as error:
        _refused(error, ("body",))
    return _callback(callback)


# No session: 401. Not a tenant: 403. Another household's request, or none: 404. No longer
# open: 422 with the refusal's code.
@router.post("callbacks/{callback_id}/cancel",
             response={200: CallbackOut, **refusals(401, 403, 404)},
             url_name="callback_cancel", summary="Cancel my request to be called back")
def callback_cancel(request, callback_id: int):
    user = request.auth
    callback = _my_callback_or_404(user, callback_id)
    try:
        callback = services.callback_cancel(callback=callback, acting_user=user)
    except BookingError as error:
        _refused(error, ("path", "callback_id"))
    return _callback(callback)


def _hubs_callback_or_404(user, callback_id):
    callback = selectors.staff_callback(user, callback_id)
    if callback is None:
        raise Http404
    return callback


# No session: 401. Not a Community Manager: 403.
@staff_router.get("staff/callbacks", response={200: list[StaffCallbackOut], **refusals(401, 403)},
                  url_name="staff_callback_list", summary="Tenants to call back (staff)")
def staff_callback_list(request):
    """The open requests of the Community Manager's Spazi CASA, oldest first; each one read is
    in the audit trail."""
    user = request.auth
    rows = list(selectors.callbacks_waiting(user, hub_today()))
    selectors.callbacks_shown(user, rows, note="api call-back list")
    return [_staff_callback(row) for row in rows]


# No session: 401. Not a Community Manager: 403. A request of another hub, or none: 404. No
# longer open: 422 with the refusal's code.
@staff_router.post("staff/callbacks/{callback_id}/no-answer",
                   response={200: StaffCallbackOut, **refusals(401, 403, 404)},
                   url_name="staff_callback_no_answer", summary="Called, no answer (staff)")
def staff_callback_no_answer(request, callback_id: int):
    """Record a call with no answer, now: the request stays open."""
    user = request.auth
    callback = _hubs_callback_or_404(user, callback_id)
    try:
        services.callback_no_answer(callback=callback, acting_user=user)
    except BookingError as error:
        _refused(error, ("path", "callback_id"))
    return _staff_callback(_hubs_callback_or_404(user, callback_id))


# No session: 401. Not a Community Manager: 403. A request of another hub, or none: 404. Not
# JSON: 400. No outcome, or no longer open: 422 with the refusal's code.
@staff_router.post("staff/callbacks/{callback_id}/done",
                   response={200: StaffCallbackOut, **refusals(400, 401, 403, 404)},
                   url_name="staff_callback_done", summary="Called back (staff)")
def staff_callback_done(request, callback_id: int, payload: CallbackDoneIn):
    """Mark the request called back with what was agreed (`outcome`): the tenant reads it in
    the app."""
    user = request.auth
    callback = _hubs_callback_or_404(user, callback_id)
    try:
        services.callback_done(callback=callback, outcome=payload.outcome, acting_user=user)
    except BookingError as error:
        _refused(error, ("path", "callback_id") if error.code == "callback_closed"
                 else ("body",))
    return _staff_callback(_hubs_callback_or_404(user, callback_id))
