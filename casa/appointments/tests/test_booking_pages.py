"""The tenant's booking pages: a chain of plain links (topic, day, time) and a confirmation
form; a value that cannot be used, or a time taken meanwhile, gets a message in the tenant's
language and the picker goes back a step, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.appointments.models import Appointment, Status

from .helpers import MONDAY, rome

pytestmark = pytest.mark.usefixtures("frozen", "manager")

BOOK = reverse("appointments:book")
WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def browser(client, tenant):
    client.force_login(tenant)
    client.cookies["django_language"] = "en"
    return client


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_each_step_links_to_the_next(browser):
    assert 'href="/my/appointments/new/?topic=bills"' in get(browser, BOOK)
    days = get(browser, BOOK, topic="bills")
    assert "?topic=bills&amp;day=2026-12-02" in days and "day=2026-12-08" not in days
    times = get(browser, BOOK, topic="bills", day="2026-12-02")
    assert "?topic=bills&amp;day=2026-12-02&amp;time=09%3A30" in times
    confirm = get(browser, BOOK, topic="bills", day="2026-12-02", time="09:30")
    assert 'name="note"' in confirm and "9:30–10:00" in confirm


def test_booking_leads_to_the_appointment_page(browser, household):
    response = browser.post(BOOK, {"topic": "bills", "day": "2026-12-02", "time": "09:30",
                                   "note": "Ho ricevuto un sollecito"}, follow=True)
    appointment = Appointment.objects.get()
    assert response.redirect_chain[-1][0] == reverse("appointments:my_appointment",
                                                     args=[appointment.pk])
    html = response.content.decode()
    assert "Your appointment is booked." in html and "Ho ricevuto un sollecito" in html
    assert appointment.starts_at == rome(WEDNESDAY, 9, 30)


@pytest.mark.parametrize(("params", "message"), [
    ({"topic": "astrology"}, "Choose a topic from the list."),
    ({"topic": "bills", "day": "2026-02-30"}, "There is no free time on that day"),
    ({"topic": "bills", "day": "2026-12-08"}, "There is no free time on that day"),
    ({"topic": "bills", "day": "2026-12-02", "time": "25:99"}, "This time is no longer free"),
    ({"topic": "bills", "day": "2026-12-02", "time": "09:10"}, "This time is no longer free"),
])
def test_a_step_that_cannot_be_used_says_why(browser, params, message):
    assert message in get(browser, BOOK, **params)


def test_a_time_taken_meanwhile_sends_back_to_the_times_with_a_message(browser, register,
                                                                       manager):
    Appointment.objects.create(hub=manager.hubs.get(), manager=manager, topic="bills",
                               household=register["households"]["H003"], booked_via="phone",
                               starts_at=rome(WEDNESDAY, 9, 30),
                               ends_at=rome(WEDNESDAY, 10))
    response = browser.post(BOOK, {"topic": "bills", "day": "2026-12-02", "time": "09:30"},
                            follow=True)
    html = response.content.decode()
    assert "This time is no longer free: please choose another." in html
    assert "What time?" in html
    assert Appointment.objects.count() == 1


def test_a_broken_form_is_refused_with_a_message(browser):
    response = browser.post(BOOK, {"topic": "bills", "day": "soon", "time": "09:30",
                                   "note": "x" * 501})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date." in html
    assert not Appointment.objects.exists()


def test_the_tenant_moves_and_cancels_from_the_appointment_page(browser, household):
    browser.post(BOOK, {"topic": "bills", "day": "2026-12-02", "time": "09:30"})
    appointment = Appointment.objects.get()
    page = get(browser, reverse("appointments:my_appointment", args=[appointment.pk]))
    assert "You can move or cancel it here until 01/12/2026 at 9:30." in page

    move = reverse("appointments:my_appointment_move", args=[appointment.pk])
    assert "What would you like to talk about?" not in get(browser, move)
    browser.post(move, {"day": "2026-12-03", "time": "11:00"})
    appointment.refresh_from_db()
    assert appointment.starts_at == rome(WEDNESDAY + dt.timedelta(days=1), 11)

    browser.post(reverse("appointments:my_appointment_cancel", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED


def test_the_calendar_file_downloads(browser):
    browser.post(BOOK, {"topic": "bills", "day": "2026-12-02", "time": "09:30"})
    appointment = Appointment.objects.get()
    response = browser.get(reverse("appointments:my_appointment_calendar",
                                   args=[appointment.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"DTSTART:20261202T083000Z" in response.content


def test_another_households_appointment_is_not_found(client, register, make_user, manager):
    other = Appointment.objects.create(hub=manager.hubs.get(), manager=manager, topic="bills",
                                       household=register["households"]["H003"],
                                       booked_via="phone", starts_at=rome(WEDNESDAY, 9, 30),
                                       ends_at=rome(WEDNESDAY, 10))
    from conftest import FISCAL_CODES

    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    for name in ("my_appointment", "my_appointment_move", "my_appointment_calendar"):
        assert client.get(reverse(f"appointments:{name}", args=[other.pk])).status_code == 404
    assert client.post(reverse("appointments:my_appointment_cancel",
                               args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == Status.BOOKED


def test_after_the_cut_off_the_move_page_sends_back_with_a_message(browser, household, hub,
                                                                   tenant):
    from casa.appointments.booking import get_agenda

    from .helpers import at

    tuesday = get_agenda().book(household=household, hub=hub, topic="bills",
                                starts_at=rome(MONDAY + dt.timedelta(days=1), 10), note="",
                                acting_user=tenant)
    move = reverse("appointments:my_appointment_move", args=[tuesday.pk])
    with at(rome(MONDAY, 10, 1)):
        browser.force_login(tenant)
        response = browser.get(move, follow=True)
    assert response.redirect_chain[-1][0] == reverse("appointments:my_appointment",
                                                     args=[tuesday.pk])
    assert ("It is too late to change this appointment online. Please call"
            in response.content.decode())


def test_moving_to_a_time_taken_meanwhile_goes_back_to_that_days_times(browser, household):
    browser.post(BOOK, {"topic": "bills", "day": "2026-12-02", "time": "09:30"})
    appointment = Appointment.objects.get()
    move = reverse("appointments:my_appointment_move", args=[appointment.pk])

    response = browser.post(move, {"topic": "bills", "day": "2026-12-08", "time": "10:00"})

    assert response["Location"] == f"{move}?day=2026-12-08"
    appointment.refresh_from_db()
    assert appointment.starts_at == rome(WEDNESDAY, 9, 30)
