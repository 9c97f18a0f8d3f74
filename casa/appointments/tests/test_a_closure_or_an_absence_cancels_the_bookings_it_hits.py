"""A closure of the hub, or an absence of the Community Manager, cancels the bookings on its
days in the same transaction, and tells each tenant why (a closure's public reason; an
absence's reason stays with staff). Other days' bookings stay; the hours are no longer
offered."""

import datetime as dt

import pytest

from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment, CancelledBecause, Status
from casa.hubs import services as hub_services
from casa.notifications.models import Channel, Message

from .helpers import MONDAY, rome

pytestmark = pytest.mark.usefixtures("frozen")

WEDNESDAY, THURSDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=3)


@pytest.fixture
def bookings(hub, tenant, household, manager):
    book = get_agenda().book
    return [book(household=household, hub=hub, topic="bills", starts_at=starts_at, note="",
                 acting_user=tenant)
            for starts_at in (rome(WEDNESDAY, 10), rome(THURSDAY, 11))]


def test_a_closure_cancels_the_bookings_on_its_days_and_tells_the_tenant(hub, manager,
                                                                         bookings, tenant):
    closure = hub_services.closure_add(hub=hub, starts_on=WEDNESDAY, ends_on=WEDNESDAY,
                                       reason="Disinfestazione dei locali",
                                       acting_user=manager)

    assert closure.cancelled_bookings == 1
    wednesday, thursday = (Appointment.objects.get(pk=b.pk) for b in bookings)
    assert (wednesday.status, wednesday.cancelled_because) == (Status.CANCELLED,
                                                               CancelledBecause.CLOSURE)
    assert thursday.status == Status.BOOKED
    message = Message.objects.get(kind="appointments.cancelled", channel=Channel.APP)
    assert "Disinfestazione dei locali" in message.body
    assert get_agenda().times(hub, "bills", WEDNESDAY, acting_user=tenant) == []


def test_an_absence_cancels_the_managers_bookings_without_saying_why(hub, manager, bookings):
    absence = hub_services.absence_add(user=manager, starts_on=THURSDAY, ends_on=THURSDAY,
                                       reason="Visita medica", acting_user=manager)

    assert absence.cancelled_bookings == 1
    thursday = Appointment.objects.get(pk=bookings[1].pk)
    assert thursday.cancelled_because == CancelledBecause.ABSENCE
    message = Message.objects.get(kind="appointments.cancelled", channel=Channel.EMAIL)
    assert "Visita medica" not in message.body
    assert Appointment.objects.get(pk=bookings[0].pk).status == Status.BOOKED


def test_the_closure_page_says_how_many_bookings_were_cancelled(client, hub, manager,
                                                                bookings):
    from django.urls import reverse

    client.force_login(manager)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("hubs:closures", args=[hub.code]), {
        "starts_on": WEDNESDAY.isoformat(), "ends_on": THURSDAY.isoformat(),
        "reason": "Lavori"}, follow=True)
    assert ("2 appointments on those days were cancelled and the tenants told."
            in response.content.decode())
