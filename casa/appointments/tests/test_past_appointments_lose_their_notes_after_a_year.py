"""A year after an appointment, the tenant's note, the summary and the Community Manager's
private note go (casa/appointments/retention.py); the appointment (hub, topic, status, the
household) stays. One starting less than a year ago keeps them."""

import datetime as dt

from casa.appointments import services
from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment
from casa.core import retention

from .helpers import MONDAY, at, rome

WEDNESDAY = MONDAY + dt.timedelta(days=2)


def apply(now):
    return retention.apply(retention.POLICIES["appointments.appointment"], now=now).done


def test_the_notes_go_a_year_after_the_start(hub, household, manager, tenant):
    with at(rome(MONDAY, 8)):
        booked = get_agenda().book(household=household, hub=hub, topic="bills",
                                   starts_at=rome(WEDNESDAY, 9), note="Mio marito è malato",
                                   acting_user=tenant)
    with at(rome(WEDNESDAY, 9, 40)):
        services.appointment_record_outcome(appointment=booked, summary="Rateizzazione",
                                            private_note="Difficoltà economiche gravi",
                                            acting_user=manager)
    start = rome(WEDNESDAY, 9)

    assert apply(start.replace(year=start.year + 1)) == 0
    assert Appointment.objects.get(pk=booked.pk).private_note == "Difficoltà economiche gravi"
    assert apply(start.replace(year=start.year + 1) + dt.timedelta(seconds=1)) == 1

    booked = Appointment.objects.get(pk=booked.pk)
    assert (booked.note, booked.summary, booked.private_note) == ("", "", "")
    assert (booked.topic, booked.household, booked.hub) == ("bills", household, hub)
    assert apply(start.replace(year=start.year + 4)) == 0
