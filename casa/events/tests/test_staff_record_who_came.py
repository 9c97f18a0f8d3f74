"""From the day of the event, its organisers record who came among the confirmed
registrations; each change is in the audit trail. Not before the day, and not by care staff."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.events.models import Event
from casa.events.services import attendance_record, registration_create


def today(event):
    """The event moved to earlier today (time passing): attendance can be recorded."""
    start = timezone.now() - dt.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=start,
                                             ends_at=start + dt.timedelta(hours=2))
    event.refresh_from_db()
    return event


def test_the_organiser_records_who_came(client, register, make_event, make_household,
                                        organiser):
    event = make_event(capacity=2, max_people=1)
    came, absent, waiting = make_household(), make_household(), make_household()
    registrations = [registration_create(event=event, household=h, people=1,
                                         acting_user=organiser)[0]
                     for h in (came, absent, waiting)]
    event = today(event)
    client.force_login(organiser)

    response = client.post(reverse("events:attendance", args=[event.pk]), {
        f"attendance-{registrations[0].pk}": "attended",
        f"attendance-{registrations[1].pk}": "absent",
        f"attendance-{registrations[2].pk}": "attended",  # waiting: not counted
    })

    assert response.status_code == 302
    for registration in registrations:
        registration.refresh_from_db()
    assert [r.attendance for r in registrations] == ["attended", "absent", ""]
    assert registrations[0].attendance_recorded_by == organiser
    assert AuditEvent.objects.filter(target_type="events.registration",
                                     changes__attendance=["", "attended"]).count() == 1


def test_attendance_waits_for_the_day_of_the_event(register, make_event, make_household,
                                                  organiser, english):
    event = make_event()  # tomorrow
    registration, _ = registration_create(event=event, household=make_household(), people=1,
                                          acting_user=organiser)

    with pytest.raises(ValidationError) as refused:
        attendance_record(event=event, marks={registration.pk: "attended"},
                          acting_user=organiser)

    assert "from the day of the event" in str(refused.value)


def test_a_bad_value_is_refused(client, register, make_event, make_household, organiser):
    event = make_event()
    registration, _ = registration_create(event=event, household=make_household(), people=1,
                                          acting_user=organiser)
    event = today(event)
    client.force_login(organiser)

    client.post(reverse("events:attendance", args=[event.pk]),
                {f"attendance-{registration.pk}": "maybe"})

    registration.refresh_from_db()
    assert registration.attendance == ""


def test_care_staff_cannot_record_attendance(client, register, make_user, make_event):
    event = make_event()
    client.force_login(make_user("care_staff", hubs=[register["hubs"]["san-siro"]]))

    assert client.post(reverse("events:attendance", args=[event.pk]), {}).status_code == 403
