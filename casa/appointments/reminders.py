"""The day-before reminder of each appointment: the first periodic job. A plain function the
scheduler calls (and `manage.py send_appointment_reminders`, until it does)."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casa.hubs.selectors import hub_zone

from .models import Appointment, Kind, Status
from .services import appointment_remind

ACTOR = "send_due_reminders"


def send_due_reminders(now=None):
    """Send the reminder of every booked appointment of tomorrow (Europe/Rome) that has none
    yet for its current start; returns how many were sent.

    Idempotent: an appointment is reminded once per start (`reminded_for`, claimed with a
    conditional UPDATE, so two runs at the same moment send it once, and the outbox's key
    would refuse a second message anyway). A moved appointment is reminded again for its new
    day. Run it as often as you like: hourly is plenty."""
    now = now or timezone.now()
    zone = hub_zone()
    tomorrow = now.astimezone(zone).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(), tzinfo=zone)
    end = start + dt.timedelta(days=1)
    due = (Appointment.objects.filter(status=Status.BOOKED, kind=Kind.APPOINTMENT,
                                      starts_at__gte=start, starts_at__lt=end)
           .exclude(reminded_for=F("starts_at"))
           .select_related("hub", "manager", "household").order_by("starts_at", "pk"))
    sent = 0
    for appointment in due:
        with transaction.atomic():
            claimed = (Appointment.objects
                       .filter(pk=appointment.pk, status=Status.BOOKED,
                               starts_at=appointment.starts_at)
                       .exclude(reminded_for=F("starts_at"))
                       .update(reminded_for=F("starts_at")))
            if claimed:
                appointment_remind(appointment, actor=ACTOR)
                sent += 1
    return sent
