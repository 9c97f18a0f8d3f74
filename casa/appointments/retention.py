"""How long appointments keep their notes (casa/core/retention.py; periods and why in
docs/decisions.md, "Retention"). Counted from the appointment's start: a year later the
tenant's note, the summary and the Community Manager's private note go; the appointment stays
(hub, topic, kind, status, outcome, household) for the counts and the tenant's history."""

from django.db.models import Q

from casa.appointments.models import CallbackStatus
from casa.core import retention

REMOVED = ""


def pseudonymise_appointments(appointments):
    appointments.update(note=REMOVED, summary=REMOVED, private_note=REMOVED)


retention.declare(
    "appointments.appointment", model="appointments.Appointment", counts_from="starts_at",
    months=12, action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_appointments,
    still_personal=~Q(note=REMOVED) | ~Q(summary=REMOVED) | ~Q(private_note=REMOVED),
    description="past appointments: the tenant's note, the summary, the private note",
)


# Tenants to call back: a year after a request was asked, once it is closed (done or
# cancelled), the number, the tenant's note and what was agreed go; the request stays (hub,
# topic, status, dates, the tries) for the counts. An open request keeps them.
def pseudonymise_callbacks(requests):
    requests.update(phone=REMOVED, note=REMOVED, outcome=REMOVED)


retention.declare(
    "appointments.callback", model="appointments.CallbackRequest", counts_from="created_at",
    months=12, action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_callbacks,
    only=~Q(status=CallbackStatus.OPEN),
    still_personal=~Q(phone=REMOVED) | ~Q(note=REMOVED) | ~Q(outcome=REMOVED),
    description="closed call-back requests: the number, the note, what was agreed",
)
