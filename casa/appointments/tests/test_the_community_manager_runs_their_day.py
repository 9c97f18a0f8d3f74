"""A Community Manager sees their day and week, books a tenant who phones (a household of their
hubs), records walk-ins, marks no-shows and writes the outcome: a summary the tenant reads and
a private note the tenant never sees. Another hub's appointments are not found for them."""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.urls import reverse

from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment, Kind, Status
from casa.core.models import AuditEvent

from .helpers import MONDAY, at, rome

WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def desk(client, manager):
    """The Community Manager's browser; `with desk.at(moment):` travels there, logged in
    (a session opened at another time would have expired)."""
    client.cookies["django_language"] = "en"

    @contextmanager
    def travel(moment):
        with at(moment):
            client.force_login(manager)
            yield

    client.at = travel
    return client


@pytest.fixture
def booked(hub, tenant, household, manager):
    with at(rome(MONDAY, 8)):
        return get_agenda().book(household=household, hub=hub, topic="bills",
                                 starts_at=rome(WEDNESDAY, 9), note="Sollecito di pagamento",
                                 acting_user=tenant)


def test_the_day_and_the_week_list_the_appointments(desk, booked):
    with desk.at(rome(WEDNESDAY, 8)):
        day = desk.get(reverse("appointments:agenda_day")).content.decode()
        week = desk.get(reverse("appointments:agenda_week"),
                        {"week": "2026-12-03"}).content.decode()
    assert "My agenda, Wednesday 02/12/2026" in day
    assert "Mario Rossi (H001)" in day and "Sollecito di pagamento" in day
    assert "San Siro: 9:00–13:00" in day
    assert "My week from 30/11/2026" in week and "Mario Rossi (H001)" in week


def test_a_bad_day_falls_back_to_today_with_a_message(desk, booked):
    with desk.at(rome(WEDNESDAY, 8)):
        html = desk.get(reverse("appointments:agenda_day"), {"day": "31/02"}).content.decode()
    assert "That is not a date: here is today." in html and "Wednesday 02/12/2026" in html


def test_a_tenant_who_phones_is_booked_into_the_managers_agenda(desk, manager, register):
    url = reverse("appointments:staff_book")
    with desk.at(rome(MONDAY, 8)):
        found = desk.get(url, {"q": "rossi"}).content.decode()
        assert "?household=H001" in found
        assert "H002" not in found  # Lorenteggio: not one of their hubs
        response = desk.post(url, {"household": "H001", "topic": "home_visit",
                                   "day": "2026-12-02", "time": "10:00"})
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert (appointment.manager, appointment.booked_via, appointment.booked_by) == (
        manager, "phone", manager)
    assert appointment.ends_at == rome(WEDNESDAY, 11)


def test_a_household_of_another_hub_cannot_be_booked_at_the_desk(desk):
    with desk.at(rome(MONDAY, 8)):
        html = desk.get(reverse("appointments:staff_book"),
                        {"household": "H002"}).content.decode()
    assert "That household is not among those of your Spazi CASA." in html


def test_a_walk_in_is_recorded_for_a_household_or_a_visitor(desk, manager, hub):
    url = reverse("appointments:walk_in")
    with desk.at(rome(WEDNESDAY, 11, 5)):
        desk.post(url, {"household": "H001", "hub": hub.code, "topic": "isee",
                        "summary": "Compilato il modulo ISEE", "private_note": "Fragile"})
        desk.post(url, {"visitor": "1", "hub": hub.code, "topic": "other", "summary": "",
                        "private_note": "Chiedeva informazioni sui bandi"})
        day = desk.get(reverse("appointments:agenda_day")).content.decode()
    walk_ins = Appointment.objects.filter(kind=Kind.WALK_IN).order_by("pk")
    assert [(w.household_id is not None, w.status, w.manager) for w in walk_ins] == [
        (True, Status.ATTENDED, manager), (False, Status.ATTENDED, manager)]
    assert walk_ins[0].starts_at == rome(WEDNESDAY, 11, 5)
    assert "a visitor not in the register" in day and "walk-in" in day


def test_a_no_show_is_marked_only_once_the_appointment_has_started(desk, booked):
    url = reverse("appointments:staff_no_show", args=[booked.pk])
    with desk.at(rome(WEDNESDAY, 8, 59)):
        html = desk.post(url, follow=True).content.decode()
    assert "The appointment has not started yet." in html
    assert Appointment.objects.get(pk=booked.pk).status == Status.BOOKED
    with desk.at(rome(WEDNESDAY, 9, 20)):
        desk.post(url)
    assert Appointment.objects.get(pk=booked.pk).status == Status.NO_SHOW


def test_the_outcome_summary_is_for_the_tenant_and_the_private_note_is_not(desk, client,
                                                                           booked, tenant):
    with desk.at(rome(WEDNESDAY, 9, 40)):
        desk.post(reverse("appointments:staff_appointment", args=[booked.pk]), {
            "summary": "Firmato il piano di rientro: 12 rate.",
            "private_note": "Figlio disoccupato, rivedere a marzo"})
    booked.refresh_from_db()
    assert booked.status == Status.ATTENDED
    event = AuditEvent.objects.filter(target_type="appointments.appointment",
                                      action="update").latest("at")
    assert "Figlio" not in str(event.changes)

    with at(rome(WEDNESDAY, 12)):
        client.force_login(tenant)
        page = client.get(reverse("appointments:my_appointment",
                                  args=[booked.pk])).content.decode()
        listing = client.get(reverse("appointments:my_appointments")).content.decode()
    assert "Firmato il piano di rientro: 12 rate." in page
    assert "Figlio disoccupato" not in page
    assert "Firmato il piano di rientro" in listing and "Figlio" not in listing


def test_opening_an_appointment_is_in_the_households_history(desk, booked, manager):
    with desk.at(rome(MONDAY, 9)):
        desk.get(reverse("appointments:staff_appointment", args=[booked.pk]))
    assert AuditEvent.objects.filter(action="view", actor=manager, subject="household:H001",
                                     target_type="appointments.appointment").exists()


def test_another_hubs_appointment_is_not_found(client, booked, register, make_user):
    stranger = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(stranger)  # in real time: the booking is in the future
    for name in ("staff_appointment", "staff_no_show", "staff_cancel"):
        url = reverse(f"appointments:{name}", args=[booked.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Appointment.objects.get(pk=booked.pk).status == Status.BOOKED


def test_the_desk_cancels_and_the_tenant_is_told(desk, booked):
    with desk.at(rome(MONDAY, 12)):
        desk.post(reverse("appointments:staff_cancel", args=[booked.pk]))
    booked.refresh_from_db()
    assert (booked.status, booked.cancelled_because) == (Status.CANCELLED, "staff")



def test_the_day_and_the_week_lead_to_the_ones_before_and_after(desk, booked):
    with desk.at(rome(WEDNESDAY, 8)):
        day = desk.get(reverse("appointments:agenda_day")).content.decode()
        week = desk.get(reverse("appointments:agenda_week"),
                        {"week": "2026-12-03"}).content.decode()
    assert 'href="?day=2026-12-01"' in day and 'href="?day=2026-12-03"' in day
    assert "?week=2026-11-30" in day  # the week of the day
    assert 'href="?week=2026-11-23"' in week and 'href="?week=2026-12-07"' in week
    assert week.count("<section") == 7


def test_a_time_taken_meanwhile_at_the_desk_goes_back_to_that_days_times(desk, booked):
    url = reverse("appointments:staff_book")
    with desk.at(rome(MONDAY, 8)):
        response = desk.post(url, {"household": "H001", "topic": "bills", "day": "2026-12-02",
                                   "time": "09:00"})
    assert response["Location"] == f"{url}?household=H001&topic=bills&day=2026-12-02"
    assert Appointment.objects.count() == 1
