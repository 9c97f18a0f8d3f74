"""The tenant's booking pages and the Community Manager's agenda. Thin views: the agenda's
contract (booking.py) answers topics, days and times and books, moves and cancels; the desk's
other writes are in services.py, the reads in selectors.py.

The picker is a chain of plain links (topic, then day, then time, then a confirmation form):
it works without JavaScript on any phone, and each step's URL can be shared or reloaded. A
step whose value is not valid, or no longer free, says so and goes back one step.
"""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record
from casa.hubs import selectors as hubs
from casa.hubs.access import editable_hubs
from casa.registry import selectors as register

from . import selectors, services
from .access import agenda_hubs
from .booking import BookingError, chosen_topic, get_agenda
from .forms import (
    BookForm,
    CallbackDoneForm,
    CallbackForm,
    DeskCallbackForm,
    MoveForm,
    OutcomeForm,
    TopicLengthsForm,
    WalkInForm,
    add_callback_error,
)
from .models import TopicLength


def _day(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _time(value):
    try:
        return dt.time.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _url(base, **params):
    return f"{base}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


def picker(params, *, base, hub, acting_user, fixed=None, topic=None, exclude=None):
    """The picker's state from `params` (the query string, or a form sent back): the step to
    show, the choices of that step as (label, URL), and messages for values that could not be
    used. `fixed` are parameters every link keeps (the household at the desk)."""
    agenda = get_agenda()
    fixed = fixed or {}
    errors = []
    topics = agenda.topics(hub)
    state = {"hub": hub, "errors": errors, "step": "topic", "fixed": fixed,
             "topics": [(option, _url(base, **fixed, topic=option.value))
                        for option in topics]}
    moving = topic is not None
    if not moving:
        topic = params.get("topic") or None
    if topic is None:
        return state
    try:
        state["topic"] = chosen_topic(topics, topic)
    except BookingError as error:
        errors.append(error.message)
        return state
    state["restart_url"] = None if moving else _url(base, **fixed)
    days = agenda.days(hub, topic, acting_user=acting_user, exclude=exclude)
    keep = {**fixed} if moving else {**fixed, "topic": topic}
    state.update(step="day", days=[(day, _url(base, **keep, day=day.isoformat()))
                                   for day in days])
    raw_day = params.get("day")
    day = _day(raw_day)
    if raw_day and day not in days:
        errors.append(_("There is no free time on that day: please choose another."))
        day = None
    if day is None:
        return state
    times = agenda.times(hub, topic, day, acting_user=acting_user, exclude=exclude)
    zone = hubs.hub_zone(hub)
    state.update(step="time", day=day, day_url=_url(base, **keep),
                 times=[(slot, _url(base, **keep, day=day.isoformat(),
                                    time=f"{slot.starts_at.astimezone(zone):%H:%M}"))
                        for slot in times])
    raw_time = params.get("time")
    wanted = _time(raw_time)
    slot = next((slot for slot in times
                 if wanted is not None and slot.starts_at.astimezone(zone).time() == wanted),
                None)
    if raw_time and slot is None:
        errors.append(_("This time is no longer free: please choose another."))
    if slot is None:
        return state
    state.update(step="confirm", slot=slot,
                 time_url=_url(base, **keep, day=day.isoformat()),
                 time_value=f"{slot.starts_at.astimezone(zone):%H:%M}")
    return state


def _starts_at(hub, day, time):
    return dt.datetime.combine(day, time, tzinfo=hubs.hub_zone(hub))


def _pick_and_book(request, *, template, context, base, hub, done, then, household=None,
                   moving=None, fixed=None):
    """Every booking page: the picker's steps (`template`, with `context`, the picker's
    `state`, the `form` and its `action`, `base`) and its confirmation, which books
    `household` at `hub` (the tenant's page, the desk's) or moves the appointment `moving`,
    through the agenda's contract. Done: the message `done`, and on to the appointment's page
    (URL name `then`); refused: the reason, and back to the day's times."""
    fixed = fixed or {}
    form_class = MoveForm if moving else BookForm
    params, form = request.GET, form_class()
    if request.method == "POST":
        params, form = request.POST, form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            starts_at = _starts_at(hub, data["day"], data["time"])
            try:
                if moving is None:
                    appointment = get_agenda().book(
                        household=household, hub=hub, topic=data["topic"],
                        starts_at=starts_at, note=data["note"], acting_user=request.user)
                else:
                    appointment = get_agenda().move(appointment=moving, starts_at=starts_at,
                                                    acting_user=request.user)
            except BookingError as error:
                messages.error(request, error.message)
                back = fixed if moving else {**fixed, "topic": data["topic"]}
                return redirect(_url(base, **back, day=data["day"].isoformat()))
            messages.success(request, done)
            return redirect(then, appointment.pk)
    state = picker(params, base=base, hub=hub, acting_user=request.user, fixed=fixed,
                   topic=moving.topic if moving else None, exclude=moving)
    return render(request, template, {**context, "state": state, "form": form,
                                      "action": base})


# --- The tenant -----------------------------------------------------------------------------------

def _tenant_context(request):
    household = register.tenant_household(request.user)
    found = hubs.hub_for_household(household) if household else None
    return household, found


@allow("appointments.book")
def my_appointments(request):
    household, found = _tenant_context(request)
    upcoming, past = selectors.tenant_appointments(household) if household else ([], [])
    return render(request, "appointments/my_appointments.html", {
        "household": household, "found": found, "upcoming": upcoming, "past": past,
        "can_book": household is not None and found is not None,
    })


@allow("appointments.book")
def book(request):
    household, found = _tenant_context(request)
    if household is None or found is None:
        messages.error(request, services.refusal("no_hub").message)
        return redirect("appointments:my_appointments")
    return _pick_and_book(
        request, template="appointments/book.html", context={"found": found},
        base=reverse("appointments:book"), hub=found.hub, household=household,
        done=_("Your appointment is booked. We sent you the details."),
        then="appointments:my_appointment")


def _found(appointment):
    """What a selector found in the user's scope; otherwise not found (404), as if it did not
    exist."""
    if appointment is None:
        raise Http404
    return appointment


def _my(request, pk):
    return _found(selectors.tenant_appointment(request.user, pk))


@allow("appointments.book")
def my_appointment(request, pk):
    appointment = _my(request, pk)
    return render(request, "appointments/my_appointment.html", {
        "appointment": appointment,
        "can_change": services.tenant_can_change(appointment),
        "cutoff": services.change_cutoff(appointment),
    })


@allow("appointments.book")
def my_appointment_move(request, pk):
    appointment = _my(request, pk)
    try:
        services.check_tenant_can_change(appointment)
    except BookingError as error:
        messages.error(request, error.message)
        return redirect("appointments:my_appointment", appointment.pk)
    return _pick_and_book(
        request, template="appointments/book.html", context={"moving": appointment},
        base=reverse("appointments:my_appointment_move", args=[appointment.pk]),
        hub=appointment.hub, moving=appointment,
        done=_("Your appointment is moved. We sent you the new details."),
        then="appointments:my_appointment")


def _attempt(request, action, *, done):
    """Run `action` (a booking-contract or service call); tell the user `done`, or the reason
    it was refused (BookingError, in their language)."""
    try:
        action()
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@allow("appointments.book")
def my_appointment_cancel(request, pk):
    appointment = _my(request, pk)
    if request.method == "POST":
        _attempt(request, lambda: get_agenda().cancel(appointment=appointment,
                                                      acting_user=request.user),
                 done=_("Your appointment is cancelled."))
    return redirect("appointments:my_appointment", appointment.pk)


@allow("appointments.book")
def my_appointment_calendar(request, pk):
    appointment = _my(request, pk)
    response = HttpResponse(services.calendar_file(appointment),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="{services.calendar_filename()}"')
    return response


# --- The Community Manager ------------------------------------------------------------------------

def _agenda_pages(request, name, days):
    """The Community Manager's agenda from the day asked (?`name`=, else today; a week from
    its Monday) for `days` days: what the day and the week pages share, their appointments by
    day and the first days of the pages before and after."""
    first = _day(request.GET.get(name))
    if request.GET.get(name) and first is None:
        messages.error(request, _("That is not a date: here is today."))
    first = first or hubs.hub_today()
    if days == 7:
        first -= dt.timedelta(days=first.weekday())
    step = dt.timedelta(days=days)
    return {"first": first, "previous": first - step, "next": first + step,
            "days": selectors.agenda(request.user, first, first + step - dt.timedelta(days=1))}


@allow("appointments.run_agenda")
def agenda_day(request):
    pages = _agenda_pages(request, "day", 1)
    day = pages["first"]
    return render(request, "appointments/agenda_day.html", {
        "day": day, "rows": pages["days"][day], "now": timezone.now(),
        "previous": pages["previous"], "next": pages["next"],
        "week": day - dt.timedelta(days=day.weekday()),
        "my_hubs": list(agenda_hubs(request.user).order_by("name")),
        "duty": [(hub, periods) for hub in agenda_hubs(request.user).order_by("name")
                 for _key, periods in hubs.desk_periods(hub, day, day,
                                                       managers=[request.user]).items()],
    })


@allow("appointments.run_agenda")
def agenda_week(request):
    pages = _agenda_pages(request, "week", 7)
    return render(request, "appointments/agenda_week.html", {
        "monday": pages["first"], "days": pages["days"].items(),
        "previous": pages["previous"], "next": pages["next"],
    })


def _household_step(request, base):
    """The household chosen at the desk (?household=CODE, among the Community Manager's), or
    the search results to choose from."""
    code = request.GET.get("household") or request.POST.get("household")
    if code:
        household = (register.household_search(user=request.user, query=code)
                     .filter(code=code).first())
        if household is not None:
            return household, {}
        messages.error(request, _("That household is not among those of your Spazi CASA."))
    query = " ".join(request.GET.get("q", "").split())[:100]
    results = list(register.household_search(user=request.user, query=query)[:10]) \
        if query else []
    return None, {"query": query, "results": [(household, _url(base, household=household.code))
                                              for household in results]}


@allow("appointments.run_agenda")
def staff_book(request):
    base = reverse("appointments:staff_book")
    household, search = _household_step(request, base)
    if household is None:
        return render(request, "appointments/staff_book.html", {"search": search})
    mine = list(agenda_hubs(request.user))
    hub = household.unit.building.hub if household.unit.building.hub in mine else mine[0]
    return _pick_and_book(
        request, template="appointments/staff_book.html", context={"household": household},
        base=base, hub=hub, household=household, fixed={"household": household.code},
        done=_("Booked: the household is told by message and e-mail."),
        then="appointments:staff_appointment")


@allow("appointments.run_agenda")
def walk_in(request):
    base = reverse("appointments:walk_in")
    household, search = _household_step(request, base)
    visitor = request.GET.get("visitor") == "1" or request.POST.get("visitor") == "1"
    mine = list(agenda_hubs(request.user).order_by("name"))
    form = WalkInForm(request.POST or None, hubs=mine,
                      initial={"household": household.code if household else ""})
    if request.method == "POST" and (household is not None or visitor) and form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_record_walk_in(
                hub=data["hub"], household=household, topic=data["topic"],
                summary=data["summary"], private_note=data["private_note"],
                acting_user=request.user)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Walk-in recorded."))
            return redirect("appointments:agenda_day")
    return render(request, "appointments/walk_in.html", {
        "household": household, "visitor": visitor, "search": search, "form": form,
    })


def _staff(request, pk):
    return _found(selectors.staff_appointment(request.user, pk))


@allow("appointments.run_agenda")
def staff_appointment(request, pk):
    appointment = _staff(request, pk)
    form = OutcomeForm(request.POST or None, initial={
        "summary": appointment.summary, "private_note": appointment.private_note})
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_record_outcome(appointment=appointment,
                                                acting_user=request.user,
                                                **form.cleaned_data)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Outcome saved: the tenant can read the summary."))
            return redirect("appointments:agenda_day")
    if appointment.household_id:
        # A Community Manager reading a tenant's appointment: in the household's history.
        audit_record(actor=request.user, action=AuditAction.VIEW, target=appointment)
    return render(request, "appointments/staff_appointment.html", {
        "appointment": appointment, "form": form,
        "started": appointment.starts_at <= timezone.now(),
        "heads": getattr(appointment.household, "heads", []) if appointment.household else [],
    })


@allow("appointments.run_agenda")
def staff_no_show(request, pk):
    appointment = _staff(request, pk)
    if request.method == "POST":
        _attempt(request, lambda: services.appointment_mark_no_show(appointment=appointment,
                                                                    acting_user=request.user),
                 done=_("Marked as not come."))
    return redirect(_url(reverse("appointments:agenda_day"),
                         day=timezone.localtime(appointment.starts_at,
                                                hubs.hub_zone()).date().isoformat()))


@allow("appointments.run_agenda")
def staff_cancel(request, pk):
    appointment = _staff(request, pk)
    if request.method == "POST":
        _attempt(request, lambda: get_agenda().cancel(appointment=appointment,
                                                      acting_user=request.user),
                 done=_("Cancelled: the household is told."))
    return redirect("appointments:staff_appointment", appointment.pk)


@allow("hubs.edit_hub")
def topic_lengths(request, code):
    hub = get_object_or_404(editable_hubs(request.user), code=code)
    current = dict(TopicLength.objects.filter(hub=hub).values_list("topic", "minutes"))
    form = TopicLengthsForm(request.POST or None, minutes=current)
    if request.method == "POST" and form.is_valid():
        services.topic_lengths_set(hub=hub, minutes=form.cleaned_data,
                                   acting_user=request.user)
        messages.success(request, _("Meeting lengths saved."))
        return redirect("hubs:manage", hub.code)
    return render(request, "appointments/topic_lengths.html", {"hub": hub, "form": form})



# --- Tenants to call back (issue 11, i11cb) ----------------------------------------------------

@allow("appointments.book")
def my_callbacks(request):
    """The household's call-back requests: the open ones (which the tenant can cancel), then
    the latest closed ones with what was agreed."""
    household, found = _tenant_context(request)
    open_rows, closed = selectors.tenant_callbacks(request.user) if household else ([], [])
    return render(request, "appointments/my_callbacks.html", {
        "household": household, "found": found, "open_rows": open_rows, "closed": closed,
        "can_ask": household is not None and found is not None,
    })


@allow("appointments.book")
def callback_new(request):
    household, found = _tenant_context(request)
    if household is None or found is None:
        messages.error(request, services.refusal("no_hub").message)
        return redirect("appointments:my_callbacks")
    form = CallbackForm(request.POST or None, initial={
        "phone": services.callback_phone(household), "topic": request.GET.get("topic")})
    if request.method == "POST" and form.is_valid():
        try:
            callback = services.callback_ask(household=household, acting_user=request.user,
                                             **form.cleaned_data)
        except BookingError as error:
            add_callback_error(form, error)
        else:
            messages.success(request, _("Request sent: a Community Manager of %(hub)s will "
                                        "call you at %(phone)s.")
                             % {"hub": callback.hub.name, "phone": callback.phone})
            return redirect("appointments:my_callbacks")
    return render(request, "appointments/callback_new.html", {"form": form, "found": found})


@allow("appointments.book")
def my_callback_cancel(request, pk):
    callback = _found(selectors.tenant_callback(request.user, pk))
    if request.method == "POST":
        _attempt(request, lambda: services.callback_cancel(callback=callback,
                                                           acting_user=request.user),
                 done=_("Your request is cancelled."))
    return redirect("appointments:my_callbacks")


@allow("appointments.run_agenda")
def callbacks(request):
    """The open requests of the Community Manager's hubs, oldest first, with how long each
    has waited and the calls with no answer."""
    rows = list(selectors.callbacks_waiting(request.user, hubs.hub_today()))
    selectors.callbacks_shown(request.user, rows, note="call-back list")
    return render(request, "appointments/staff_callbacks.html", {
        "rows": rows, "now": timezone.now()})


@allow("appointments.run_agenda")
def callback_record(request):
    """A request taken by phone (or at the desk) for a household of the Community Manager's
    hubs: find the household, then the same form as the tenant's."""
    base = reverse("appointments:callback_record")
    household, search = _household_step(request, base)
    form = DeskCallbackForm(request.POST or None, initial={
        "household": household.code if household else "",
        "phone": services.callback_phone(household)})
    if household is not None:
        audit_record(actor=request.user, action=AuditAction.VIEW, target=household,
                     note="call-back request")
    if request.method == "POST" and household is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.callback_ask(household=household, topic=data["topic"],
                                  phone=data["phone"], best_time=data["best_time"],
                                  note=data["note"], source=data["source"],
                                  acting_user=request.user)
        except BookingError as error:
            add_callback_error(form, error)
        else:
            messages.success(request, _("Call-back request recorded."))
            return redirect("appointments:callbacks")
    return render(request, "appointments/staff_callback_new.html", {
        "household": household, "search": search, "form": form})


def _staff_callback(request, pk):
    return _found(selectors.staff_callback(request.user, pk))


@allow("appointments.run_agenda")
def staff_callback(request, pk):
    """One request: who to call and where, the tries, and the forms to record a call with no
    answer or the call done; an appointment can be booked for the household instead."""
    callback = _staff_callback(request, pk)
    form = CallbackDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.callback_done(callback=callback, outcome=form.cleaned_data["outcome"],
                                   acting_user=request.user)
        except BookingError as error:
            add_callback_error(form, error)
        else:
            messages.success(request, _("Marked as called back: the tenant reads what was "
                                        "agreed in the app."))
            return redirect("appointments:callbacks")
    audit_record(actor=request.user, action=AuditAction.VIEW, target=callback)
    return render(request, "appointments/staff_callback.html", {
        "callback": callback, "form": form, "now": timezone.now(),
        "book_url": _url(reverse("appointments:staff_book"),
                         household=callback.household.code, topic=callback.topic),
    })


@allow("appointments.run_agenda")
def staff_callback_no_answer(request, pk):
    callback = _staff_callback(request, pk)
    if request.method == "POST":
        _attempt(request, lambda: services.callback_no_answer(callback=callback,
                                                              acting_user=request.user),
                 done=_("Call with no answer recorded: the request stays open."))
    return redirect("appointments:staff_callback", callback.pk)
