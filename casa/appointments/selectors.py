"""Reads about appointments: a household's next one (for the portal's "My home"), a tenant's
list, a Community Manager's day and week. Tenants read through the register's household scope,
Community Managers through their hubs (access.agenda_hubs)."""

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from casa.core.audit import AuditAction, audit_event
from casa.core.models import AuditEvent
from casa.hubs.selectors import hub_zone
from casa.registry.access import visible_households
from casa.registry.models import Member, Relation

from .access import agenda_hubs
from .models import Appointment, CallbackAttempt, CallbackRequest, CallbackStatus, Kind, Status

PAST_SHOWN = 20


def next_appointment(household, now=None):
    """The household's next booked appointment, or None."""
    if household is None:
        return None
    return (Appointment.objects.filter(household=household, kind=Kind.APPOINTMENT,
                                       status=Status.BOOKED,
                                       ends_at__gt=now or timezone.now())
            .select_related("hub", "manager").order_by("starts_at").first())


def tenant_appointments(household, now=None):
    """(upcoming booked appointments, the latest past or cancelled ones) of a household."""
    now = now or timezone.now()
    rows = Appointment.objects.filter(household=household).select_related("hub", "manager")
    upcoming = list(rows.filter(status=Status.BOOKED, ends_at__gt=now).order_by("starts_at"))
    past = list(rows.exclude(pk__in=[appointment.pk for appointment in upcoming])
                .order_by("-starts_at")[:PAST_SHOWN])
    return upcoming, past


def tenant_appointment(user, pk):
    """One of the tenant's household's appointments, or None."""
    return (Appointment.objects.filter(household__in=visible_households(user), pk=pk)
            .select_related("hub", "manager", "household").first())


def _with_people(rows):
    heads = Member.objects.current().filter(relation=Relation.HEAD).order_by("last_name")
    return rows.select_related("hub", "household__unit__building").prefetch_related(
        Prefetch("household__members", queryset=heads, to_attr="heads"))


def staff_appointment(user, pk):
    """An appointment of one of the Community Manager's hubs, or None."""
    return _with_people(Appointment.objects.filter(hub__in=agenda_hubs(user), pk=pk)).first()


def day_bounds(day):
    zone = hub_zone()
    start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    return start, start + dt.timedelta(days=1)


def agenda(manager, first, last):
    """{date: [appointments and walk-ins]} of the Community Manager from `first` to `last`,
    cancelled ones included (they say what happened)."""
    start, _end = day_bounds(first)
    _start, end = day_bounds(last)
    rows = _with_people(Appointment.objects.filter(manager=manager, starts_at__gte=start,
                                                   starts_at__lt=end)).order_by("starts_at")
    days = {first + dt.timedelta(days=offset): [] for offset in range((last - first).days + 1)}
    zone = hub_zone()
    for appointment in rows:
        days[appointment.starts_at.astimezone(zone).date()].append(appointment)
    return days


# --- Tenants to call back (issue 11, i11cb) ----------------------------------------------------

def callbacks_waiting(user, today):
    """The open call-back requests `user` may handle (a Community Manager: those of their hubs)
    asked on or before `today` (a date, the hub's), oldest first. The household, its building,
    the hub and who asked come in the same query, the tries (`attempts`) in one more: a list
    costs two queries whatever its length. The Community Manager's day lists these."""
    _start, end = day_bounds(today)
    return (CallbackRequest.objects
            .filter(hub__in=agenda_hubs(user), status=CallbackStatus.OPEN, created_at__lt=end)
            .select_related("household__unit__building", "hub", "asked_by", "member")
            .prefetch_related(Prefetch("attempts",
                                       queryset=CallbackAttempt.objects.select_related("by")))
            .order_by("created_at", "id"))


def staff_callback(user, pk):
    """A call-back request of one of the Community Manager's hubs (any status), or None."""
    return (CallbackRequest.objects.filter(hub__in=agenda_hubs(user), pk=pk)
            .select_related("household__unit__building", "hub", "asked_by", "member",
                            "done_by")
            .prefetch_related("attempts").first())


def tenant_callbacks(user):
    """The call-back requests of the tenant's household: open ones first, then the latest
    closed ones."""
    rows = (CallbackRequest.objects.filter(household__in=visible_households(user))
            .select_related("hub").prefetch_related("attempts"))
    open_rows = list(rows.filter(status=CallbackStatus.OPEN).order_by("created_at"))
    closed = list(rows.exclude(status=CallbackStatus.OPEN).order_by("-created_at")[:PAST_SHOWN])
    return open_rows, closed


def tenant_callback(user, pk):
    """One of the tenant's household's call-back requests, or None."""
    return (CallbackRequest.objects.filter(household__in=visible_households(user), pk=pk)
            .select_related("hub", "household").first())


def callbacks_shown(user, rows, *, note):
    """Put each request shown to staff (a household, a phone number) in the audit trail, under
    its household (AuditAction.VIEW): the list pages and the API call it."""
    AuditEvent.objects.bulk_create([
        audit_event(actor=user, action=AuditAction.VIEW,
                    target_type="appointments.callbackrequest", target_id=row.pk,
                    target_repr=str(row), subject=row.audit_subject, note=note)
        for row in rows])
