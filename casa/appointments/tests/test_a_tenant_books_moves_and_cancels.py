"""A tenant picks a topic, a day and a time among the free ones (in Rome's time), adds a
note, and gets a confirmation in the app and by e-mail with a calendar file; they move or cancel
it until the cut-off (24 hours before). Every path goes through the booking contract."""

import datetime as dt

import pytest

from casa.appointments.booking import BookingError, get_agenda
from casa.appointments.models import Appointment, CancelledBecause, Status
from casa.core.models import AuditEvent
from casa.notifications.models import Channel, Message

from .helpers import MONDAY, at, rome

pytestmark = pytest.mark.usefixtures("frozen", "manager")


def times(hub, tenant, day, **kwargs):
    return [slot.starts_at for slot in get_agenda().times(hub, "bills", day, acting_user=tenant,
                                                          **kwargs)]


def book(household, hub, tenant, starts_at, topic="bills", note=""):
    return get_agenda().book(household=household, hub=hub, topic=topic, starts_at=starts_at,
                             note=note, acting_user=tenant)


def test_the_topics_say_how_long_a_meeting_lasts(hub):
    topics = {option.value: option.minutes for option in get_agenda().topics(hub)}
    assert topics == {"bills": 30, "isee": 30, "energy": 30, "neighbours": 45,
                      "home_visit": 60, "other": 30}


def test_only_free_times_from_two_hours_ahead_are_offered(hub, tenant):
    assert times(hub, tenant, MONDAY) == [rome(MONDAY, 10), rome(MONDAY, 10, 30),
                                          rome(MONDAY, 11), rome(MONDAY, 11, 30),
                                          rome(MONDAY, 12), rome(MONDAY, 12, 30)]


def test_days_skip_weekends_and_holidays_and_stop_at_the_horizon(hub, tenant):
    days = get_agenda().days(hub, "bills", acting_user=tenant)
    assert days[0] == MONDAY
    assert dt.date(2026, 12, 5) not in days  # Saturday
    assert dt.date(2026, 12, 8) not in days  # Immaculate Conception
    assert days[-1] == dt.date(2026, 12, 30)  # 30 days ahead


def test_a_booking_is_confirmed_in_the_app_and_by_e_mail_with_a_calendar_file(
        hub, tenant, household, manager):
    appointment = book(household, hub, tenant, rome(MONDAY, 10, 30), note="Porto le bollette")

    assert (appointment.manager, appointment.status, appointment.note) == (
        manager, Status.BOOKED, "Porto le bollette")
    assert appointment.ends_at == rome(MONDAY, 11)
    app, email = Message.objects.filter(kind="appointments.booked").order_by("channel")
    assert (app.channel, email.channel) == (Channel.APP, Channel.EMAIL)
    assert "30/11/2026" in app.subject and "10:30" in app.subject
    assert app.link.endswith(f"/my/appointments/{appointment.pk}/")
    [ics] = email.attachments
    assert ics["mimetype"] == "text/calendar"
    assert "DTSTART:20261130T093000Z" in ics["content"]
    assert AuditEvent.objects.filter(target_type="appointments.appointment",
                                     subject="household:H001", action="create").exists()
    assert rome(MONDAY, 10, 30) not in times(hub, tenant, MONDAY)


def test_a_time_that_is_not_free_is_refused(hub, tenant, household, make_user):
    book(household, hub, tenant, rome(MONDAY, 10))
    for starts_at in (rome(MONDAY, 10), rome(MONDAY, 10, 10), rome(MONDAY, 9),
                      rome(MONDAY, 14), rome(dt.date(2026, 12, 8), 10)):
        with pytest.raises(BookingError) as refused:
            book(household, hub, tenant, starts_at)
        assert refused.value.code == "taken", starts_at


def test_a_tenant_books_only_at_their_own_hub(register, tenant, household, make_user):
    from casa.hubs.tests.helpers import at_desk, open_hub

    other = open_hub(register["hubs"]["lorenteggio"])
    at_desk(make_user("community_manager", hubs=[other]), other)
    with pytest.raises(BookingError) as refused:
        book(household, other, tenant, rome(MONDAY, 10))
    assert refused.value.code == "hub"


def test_a_tenant_holds_at_most_three_appointments(hub, tenant, household):
    for hour in (10, 11, 12):
        book(household, hub, tenant, rome(MONDAY, hour))
    with pytest.raises(BookingError) as refused:
        book(household, hub, tenant, rome(MONDAY + dt.timedelta(days=1), 10))
    assert refused.value.code == "too_many"


def test_moving_keeps_the_manager_and_sends_the_new_calendar_file(hub, tenant, household,
                                                                  manager):
    wednesday, thursday = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=3)
    appointment = book(household, hub, tenant, rome(wednesday, 10))
    # Its own time is free for itself when moving.
    assert rome(wednesday, 10) in times(hub, tenant, wednesday, exclude=appointment)

    moved = get_agenda().move(appointment=appointment, starts_at=rome(thursday, 9),
                              acting_user=tenant)

    assert (moved.starts_at, moved.ends_at, moved.manager, moved.sequence) == (
        rome(thursday, 9), rome(thursday, 9, 30), manager, 1)
    email = Message.objects.get(kind="appointments.moved", channel=Channel.EMAIL)
    content = email.attachments[0]["content"]
    assert "SEQUENCE:1" in content and f"UID:appointment-{appointment.pk}@" in content
    assert rome(wednesday, 10) in times(hub, tenant, wednesday)


def test_cancelling_frees_the_time_and_tells_the_calendar(hub, tenant, household):
    wednesday = MONDAY + dt.timedelta(days=2)
    appointment = book(household, hub, tenant, rome(wednesday, 12))

    get_agenda().cancel(appointment=appointment, acting_user=tenant)

    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED
    assert appointment.cancelled_because == CancelledBecause.TENANT
    email = Message.objects.get(kind="appointments.cancelled", channel=Channel.EMAIL)
    assert "METHOD:CANCEL" in email.attachments[0]["content"]
    assert "You cancelled it." in email.body or "Lo hai annullato tu." in email.body
    assert rome(wednesday, 12) in times(hub, tenant, wednesday)
    # A cancelled appointment no longer blocks its time: the same time is booked again.
    assert book(household, hub, tenant, rome(wednesday, 12)).status == Status.BOOKED


def test_after_the_cut_off_a_tenant_can_neither_move_nor_cancel(hub, tenant, household):
    tuesday = MONDAY + dt.timedelta(days=1)
    appointment = book(household, hub, tenant, rome(tuesday, 10))
    with at(rome(MONDAY, 10, 1)):  # less than 24 hours before
        for attempt in (
                lambda: get_agenda().cancel(appointment=appointment, acting_user=tenant),
                lambda: get_agenda().move(appointment=appointment,
                                          starts_at=rome(tuesday, 12), acting_user=tenant)):
            with pytest.raises(BookingError) as refused:
                attempt()
            assert refused.value.code == "cutoff"
    assert Appointment.objects.get(pk=appointment.pk).status == Status.BOOKED


def test_a_community_manager_books_a_phoning_tenant_into_their_own_agenda(
        hub, household, manager):
    appointment = get_agenda().book(household=household, hub=hub, topic="home_visit",
                                    starts_at=rome(MONDAY, 8, 30) + dt.timedelta(minutes=30),
                                    note="", acting_user=manager)
    assert appointment.booked_via == "phone" and appointment.manager == manager
    assert appointment.ends_at == rome(MONDAY, 10)
