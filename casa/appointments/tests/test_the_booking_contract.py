"""The pages book through the contract of booking.py: the local agenda fulfils it, and an
agenda named in the CASA_APPOINTMENTS_AGENDA setting replaces it without touching the pages."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.appointments.availability import Slot, TopicOption
from casa.appointments.booking import Agenda, LocalAgenda

from .helpers import MONDAY, rome


class ExternalAgenda:
    """An agenda elsewhere (a municipality's booking system): one topic, one day, one time."""

    booked = []

    def topics(self, hub):
        return [TopicOption("other", "Sportello del Comune", 20)]

    def hubs(self, household):
        return []

    def days(self, hub, topic, *, acting_user, exclude=None):
        return [dt.date(2026, 12, 9)]

    def times(self, hub, topic, day, *, acting_user, exclude=None):
        return [Slot(rome(day, 15), rome(day, 15, 20), 0)]

    def book(self, *, household, hub, topic, starts_at, note, acting_user):
        ExternalAgenda.booked.append((household.code, starts_at))
        raise NotImplementedError("a real one would return the Appointment it keeps")

    def move(self, *, appointment, starts_at, acting_user):
        raise NotImplementedError

    def cancel(self, *, appointment, acting_user):
        raise NotImplementedError


def test_the_local_agenda_fulfils_the_contract():
    assert isinstance(LocalAgenda(), Agenda)
    assert isinstance(ExternalAgenda(), Agenda)


@pytest.mark.usefixtures("frozen", "manager")
def test_the_booking_pages_ask_the_agenda_the_settings_name(client, settings, tenant):
    settings.CASA_APPOINTMENTS_AGENDA = f"{__name__}.ExternalAgenda"
    client.force_login(tenant)
    client.cookies["django_language"] = "en"
    book = reverse("appointments:book")
    assert "Sportello del Comune" in client.get(book).content.decode()
    times = client.get(book, {"topic": "other", "day": "2026-12-09"}).content.decode()
    assert "time=15%3A00" in times
    with pytest.raises(NotImplementedError):
        client.post(book, {"topic": "other", "day": "2026-12-09", "time": "15:00"})
    assert ExternalAgenda.booked == [("H001", rome(MONDAY + dt.timedelta(days=9), 15))]
