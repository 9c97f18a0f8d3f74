"""Events: the tenant's list and event page (register, cancel), and the back office (list,
create, change, cancel, the registrations with attendance, registering a household). Thin:
reads in selectors.py, writes in services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.drafts import with_draft
from casa.core.forms import add_service_errors
from casa.registry.selectors import tenant_household

from . import selectors, services
from .forms import AttendanceForm, CancelEventForm, EventForm, RegisterForm, StaffRegisterForm
from .models import Registration, RegistrationStatus


def _registered_message(request, registration, created):
    if not created:
        messages.info(request, _("This household was already registered."))
    elif registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("Registered: your place is confirmed."))
    else:
        messages.success(request, _("The event is full: you are on the waiting list, number "
                                    "%(position)s. If a place frees up you get a message.")
                         % {"position": selectors.waiting_position(registration)})


def _refused(request, error):
    messages.error(request, " ".join(error.messages))


# --- Tenants -------------------------------------------------------------------------------

@allow("events.take_part")
def my_events(request):
    household = tenant_household(request.user)
    at_my_hub, elsewhere = selectors.for_tenant(household)
    registrations = (list(selectors.registrations_for_household(household))
                     if household else [])
    return render(request, "events/my_events.html", {
        "household": household,
        "hub": household.unit.building.hub if household else None,
        "at_my_hub": at_my_hub,
        "elsewhere": elsewhere,
        "registered": {registration.event_id: registration for registration in registrations},
    })


def _tenant_event_or_404(pk):
    event = selectors.event_for_tenant(pk)
    if event is None:
        raise Http404
    return event


@allow("events.take_part")
def my_event(request, pk):
    event = _tenant_event_or_404(pk)
    household = tenant_household(request.user)
    registration = selectors.active_registration(event, household)
    return render(request, "events/my_event.html", {
        "event": event,
        "household": household,
        "registration": registration,
        "position": selectors.waiting_position(registration),
        "places": selectors.places(event),
        "form": RegisterForm(event=event),
        "open": not event.is_cancelled and not event.has_started(),
    })


@allow("events.take_part")
def register(request, pk):
    """The tenant registers their household. A GET only leads back to the event."""
    event = _tenant_event_or_404(pk)
    if request.method == "POST":
        household = tenant_household(request.user)
        form = RegisterForm(request.POST, event=event)
        if household is None:
            messages.error(request, _("Your account is not linked to a household yet: ask "
                                      "your Spazio CASA."))
        elif not form.is_valid():
            messages.error(request, " ".join(form.errors.get("people", [])))
        else:
            try:
                registration, created = services.registration_create(
                    event=event, household=household, people=form.cleaned_data["people"],
                    acting_user=request.user)
            except ValidationError as error:
                _refused(request, error)
            else:
                _registered_message(request, registration, created)
    return redirect("events:my_event", pk=event.pk)


@allow("events.take_part")
def cancel_mine(request, pk):
    """The tenant cancels their household's registration. A GET only leads back."""
    event = _tenant_event_or_404(pk)
    if request.method == "POST":
        registration = selectors.active_registration(event, tenant_household(request.user))
        if registration is None:
            messages.info(request, _("You were not registered for this event."))
        else:
            try:
                services.registration_cancel(registration=registration,
                                             acting_user=request.user)
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Your registration is cancelled."))
    return redirect("events:my_event", pk=event.pk)


# --- Staff ---------------------------------------------------------------------------------

def _staff_event_or_404(user, pk):
    event = selectors.event_for_staff(user, pk)
    if event is None:
        raise Http404
    return event


@allow("events.view")
def staff_list(request):
    past = request.GET.get("past") == "1"
    return render(request, "events/staff_list.html", {
        "events": selectors.for_staff(request.user, include_past=past),
        "past": past,
        "can_manage": can(request.user, "events.manage"),
    })


@allow("events.manage")
def new(request):
    if request.method == "POST":
        form = EventForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                event = services.event_create(hub=form.cleaned_data["hub"],
                                              **form.service_arguments(),
                                              acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error, EventForm.SERVICE_FIELDS)
            else:
                messages.success(request, _("Event created."))
                return redirect("events:detail", pk=event.pk)
    else:
        form = EventForm(user=request.user)
    form = with_draft(request, form, "event-form")
    return render(request, "events/staff_form.html", {"form": form, "event": None})


@allow("events.manage")
def edit(request, pk):
    event = _staff_event_or_404(request.user, pk)
    if request.method == "POST":
        form = EventForm(request.POST, user=request.user, event=event)
        if form.is_valid():
            try:
                services.event_update(event=event, **form.service_arguments(),
                                      acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error, EventForm.SERVICE_FIELDS)
            else:
                messages.success(request, _("Event saved."))
                return redirect("events:detail", pk=event.pk)
    else:
        form = EventForm(user=request.user, event=event)
    form = with_draft(request, form, "event-form")
    return render(request, "events/staff_form.html", {"form": form, "event": event})


@allow("events.view")
def detail(request, pk):
    """The event with its registrations and attendance: personal data, so each view is
    audited."""
    event = _staff_event_or_404(request.user, pk)
    registrations = selectors.registrations_for_staff(event)
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    audit_record(actor=request.user, action=AuditAction.VIEW, target=event,
                 changes={"registrations": len(registrations)}, note="event registrations")
    may_manage = can(request.user, "events.manage") and selectors.may_manage(request.user,
                                                                              event)
    return render(request, "events/staff_detail.html", {
        "event": event,
        "places": selectors.places(event),
        "registrations": registrations,
        "attendance": AttendanceForm(registrations=confirmed) if may_manage else None,
        "may_manage": may_manage,
        "may_register": (can(request.user, "events.register_households")
                         and not event.is_cancelled and not event.has_started()),
        "open": not event.is_cancelled and not event.has_started(),
    })


@allow("events.manage")
def cancel_event(request, pk):
    event = _staff_event_or_404(request.user, pk)
    if request.method == "POST":
        form = CancelEventForm(request.POST)
        if form.is_valid():
            try:
                services.event_cancel(event=event, reason=form.cleaned_data["reason"],
                                      acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Event cancelled: every household registered or "
                                            "waiting gets a message."))
                return redirect("events:detail", pk=event.pk)
    else:
        form = CancelEventForm()
    return render(request, "events/cancel_event.html", {"form": form, "event": event})


@allow("events.register_households")
def register_household(request, pk):
    event = _staff_event_or_404(request.user, pk)
    if request.method == "POST":
        form = StaffRegisterForm(request.POST, event=event, user=request.user)
        if form.is_valid():
            try:
                registration, created = services.registration_create(
                    event=event, household=form.cleaned_data["household"],
                    people=form.cleaned_data["people"], acting_user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                _registered_message(request, registration, created)
                return redirect("events:detail", pk=event.pk)
    else:
        form = StaffRegisterForm(event=event, user=request.user)
    return render(request, "events/register_household.html", {"form": form, "event": event})


@allow("events.register_households")
def cancel_registration(request, pk, registration_id):
    """Staff cancel a registration of a household they follow. A GET only leads back."""
    event = _staff_event_or_404(request.user, pk)
    registration = (Registration.objects.filter(event=event, pk=registration_id)
                    .select_related("event", "household").first())
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, acting_user=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Registration of %(household)s cancelled.")
                             % {"household": registration.household.code})
    return redirect("events:detail", pk=event.pk)


@allow("events.manage")
def attendance(request, pk):
    """Record who came. A GET only leads back to the event."""
    event = _staff_event_or_404(request.user, pk)
    if request.method == "POST":
        confirmed = [r for r in selectors.registrations_for_staff(event)
                     if r.status == RegistrationStatus.CONFIRMED]
        form = AttendanceForm(request.POST, registrations=confirmed)
        if not form.is_valid():
            messages.error(request, _("Choose “came” or “did not come” for each household."))
        else:
            try:
                changed = services.attendance_record(event=event, marks=form.marks(),
                                                     acting_user=request.user)
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Attendance saved (%(count)s changed).")
                                 % {"count": changed})
    return redirect("events:detail", pk=event.pk)
