"""A tenant on a 360 px phone finds their Spazio CASA's hours, books an appointment, moves it,
gets the reminder the day before (queued in the outbox) and cancels it; every page of the
journey has no axe-core violation.

The test travels to Monday 30 November 2026, 8:00 in Rome, with the clock running: the server
(in this process) computes free times from then. Sessions end with the browser, so the
browser's own clock does not expire the login cookie."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casa.appointments.models import Appointment, Status
from casa.appointments.reminders import send_due_reminders
from casa.notifications.models import Channel, Message
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot
from .tenant_world import open_san_siro

pytestmark = pytest.mark.browser

ROME = ZoneInfo("Europe/Rome")
MONDAY_8 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=ROME)
HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def san_siro(register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    return open_san_siro(register, make_user)[0]


def fits_the_phone(page):
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, page.url


def test_a_tenant_on_a_phone_finds_the_hours_books_moves_and_cancels(open_page, san_siro,
                                                                     make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with time_machine.travel(MONDAY_8, tick=True):
        page = open_page("en", width=360, height=740)
        log_in(page, tenant.email)
        assert page.url.endswith("/my/home/")

        # Whether the hub is open today is on the home; its week's hours are one tap away.
        assert "Opens at 9:00." in page.inner_text("#home-hub")
        with page.expect_navigation():
            page.locator("#home-hub").get_by_role("link", name="San Siro").click()
        assert page.get_by_role("heading", name="Opening hours").is_visible()
        assert "9:00–13:00 and 14:00–17:00" in page.locator("table.casa-hours").inner_text()
        assert "Chiusura estiva" in page.inner_text("main")
        fits_the_phone(page)
        save_screenshot(page, "appointments-hub-page-360")

        # Book: topic, day, time, a note.
        with page.expect_navigation():
            page.get_by_role("link", name="Book an appointment").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Bills and arrears").click()
        fits_the_phone(page)
        with page.expect_navigation():
            page.get_by_role("link", name="Wednesday 02/12/2026").click()
        with page.expect_navigation():
            page.get_by_role("link", name="9:30", exact=True).click()
        page.get_by_label("Note").fill("Ho ricevuto un sollecito per le spese")
        save_screenshot(page, "appointments-confirm-360")
        with page.expect_navigation():
            page.get_by_role("button", name="Book").click()
        assert "Your appointment is booked." in page.inner_text(".casa-messages")
        assert "Wednesday 02/12/2026, 9:30–10:00" in page.inner_text("main")
        fits_the_phone(page)
        appointment = Appointment.objects.get()
        email = Message.objects.get(kind="appointments.booked", channel=Channel.EMAIL)
        assert email.attachments[0]["filename"].endswith(".ics")

        # Move it to Thursday at 11:00.
        with page.expect_navigation():
            page.get_by_role("link", name="Move it").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Thursday 03/12/2026").click()
        with page.expect_navigation():
            page.get_by_role("link", name="11:00", exact=True).click()
        with page.expect_navigation():
            page.get_by_role("button", name="Move my appointment here").click()
        assert "Thursday 03/12/2026, 11:00–11:30" in page.inner_text("main")
        page.goto("/my/home/")
        assert ("Your next appointment: Thursday 03/12/2026 at 11:00."
                in page.inner_text("#home-appointment"))
        with page.expect_navigation():
            page.get_by_role("link", name="See, move or cancel it").click()

        # The day before, the reminder goes into the outbox (the scheduler's job).
        assert send_due_reminders(dt.datetime(2026, 12, 2, 7, 0, tzinfo=ROME)) == 1
        reminder = Message.objects.get(kind="appointments.reminder", channel=Channel.APP)
        assert "11:00" in reminder.subject
        page.goto("/my/messages/")
        assert reminder.subject in page.inner_text("main")
        page.go_back()

        # Cancel it.
        with page.expect_navigation():
            page.get_by_role("button", name="Cancel it").click()
        assert "Your appointment is cancelled." in page.inner_text(".casa-messages")
        appointment.refresh_from_db()
        assert appointment.status == Status.CANCELLED
        assert page.errors == []


def test_the_tenants_appointment_pages_have_no_axe_violations_on_a_phone(open_page, san_siro,
                                                                         make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with time_machine.travel(MONDAY_8, tick=True):
        page = open_page("it", width=360, height=740, csp=False)
        log_in(page, tenant.email)
        for path in ("/my/home/", f"/hubs/{san_siro.code}/", "/my/appointments/",
                     "/my/appointments/new/", "/my/appointments/new/?topic=bills",
                     "/my/appointments/new/?topic=bills&day=2026-12-02",
                     "/my/appointments/new/?topic=bills&day=2026-12-02&time=09:30",
                     "/my/appointments/new/?topic=nonsense"):
            page.goto(path)
            assert_no_axe_violations(page)
            fits_the_phone(page)
        with page.expect_navigation():
            page.get_by_role("link", name="Bollette e morosità").click()
        page.goto("/my/appointments/new/?topic=bills&day=2026-12-02&time=09:30")
        with page.expect_navigation():
            page.get_by_role("button", name="Prenota").click()
        assert_no_axe_violations(page)
        fits_the_phone(page)
