"""A Community Manager runs their day: the agenda with two booked tenants, one who does not
come (marked), one whose outcome is written, a walk-in recorded, a tenant who phones booked and
found in the week; at 1280 px and at 360 px, with no axe-core violation. The clock runs from
Wednesday 2 December 2026, 9:45 in Rome (see test_appointments_tenant_journey.py for why
sessions end with the browser)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment, BookedVia, Kind, Status
from casa.hubs.tests.helpers import at_desk, open_hub
from casa.registry.models import Household, Member, Unit
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

ROME = ZoneInfo("Europe/Rome")
WEDNESDAY = dt.date(2026, 12, 2)


def rome(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ROME)


@pytest.fixture
def day_with_two_bookings(register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    hub = open_hub(register["hubs"]["san-siro"])
    manager = at_desk(make_user("community_manager", hubs=[hub]), hub)
    h001 = register["households"]["H001"]
    unit = Unit.objects.create(code="U-H004", building=h001.unit.building, entrance="B")
    h004 = Household.objects.create(code="H004", unit=unit, rent_band="accesso",
                                    tenancy_start=dt.date(2012, 5, 1))
    Member.objects.create(household=h004, fiscal_code=FISCAL_CODES[3], first_name="Paola",
                          last_name="Neri", birth_date=dt.date(1992, 4, 10), sex="F",
                          relation="head", citizenship="IT")
    with time_machine.travel(rome(WEDNESDAY - dt.timedelta(days=2), 8), tick=False):
        for household, hour, minute in ((h001, 9, 0), (h004, 9, 30)):
            get_agenda().book(household=household, hub=hub, topic="bills",
                              starts_at=rome(WEDNESDAY, hour, minute), note="",
                              acting_user=manager)
    return manager


@pytest.mark.parametrize("width", [1280, 360])
def test_a_community_manager_runs_their_day_with_a_no_show_and_a_walk_in(
        open_page, day_with_two_bookings, width):
    manager = day_with_two_bookings
    with time_machine.travel(rome(WEDNESDAY, 9, 45), tick=True):
        page = open_page("en", width=width, height=900 if width > 360 else 740, csp=False)
        log_in(page, manager.email)
        page.goto("/staff/agenda/")
        agenda = page.locator(".casa-agenda")
        assert "Mario Rossi (H001)" in agenda.inner_text()
        assert "Paola Neri (H004)" in agenda.inner_text()
        assert_no_axe_violations(page)
        save_screenshot(page, f"agenda-day-{width}")

        # Mario Rossi did not come at 9:00.
        first = agenda.locator("li", has_text="Mario Rossi")
        with page.expect_navigation():
            first.get_by_role("button", name="Did not come").click()
        assert "Marked as not come." in page.inner_text(".casa-messages")

        # Paola Neri came at 9:30: the outcome, a summary for her and a private note.
        second = page.locator(".casa-agenda li", has_text="Paola Neri")
        with page.expect_navigation():
            second.get_by_role("link", name="Write the outcome").click()
        page.get_by_label("Summary for the tenant").fill("Compilato il modulo dell'anagrafe.")
        page.get_by_label("Private note").fill("Da richiamare a gennaio")
        assert_no_axe_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Save the outcome").click()
        assert "Outcome saved" in page.inner_text(".casa-messages")

        # Someone comes in without an appointment.
        with page.expect_navigation():
            page.get_by_role("link", name="Record a walk-in").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Someone who is not in the register").click()
        page.get_by_label("Topic").select_option("other")
        page.get_by_label("Summary for the tenant").fill("Informazioni sugli Spazi CASA")
        assert_no_axe_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Record the walk-in").click()
        assert "Walk-in recorded." in page.inner_text(".casa-messages")
        assert "a visitor not in the register" in page.inner_text(".casa-agenda")
        save_screenshot(page, f"agenda-day-after-{width}")

        # Mario Rossi phones: book him for Thursday, then see it in the week.
        with page.expect_navigation():
            page.get_by_role("link", name="Book for a tenant").click()
        page.get_by_label("Household code, fiscal code, name or address").fill("Rossi")
        with page.expect_navigation():
            page.get_by_role("button", name="Search").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Rossi Mario").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Bills and arrears").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Thursday 03/12/2026").click()
        with page.expect_navigation():
            page.get_by_role("link", name="10:00", exact=True).click()
        assert_no_axe_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Book").click()
        assert "Booked" in page.inner_text(".casa-messages")
        page.goto("/staff/agenda/")
        with page.expect_navigation():
            page.get_by_role("link", name="The week").click()
        assert "Mario Rossi" in page.locator("main").inner_text()
        assert_no_axe_violations(page)
        save_screenshot(page, f"agenda-week-{width}")
        assert page.errors == []

    statuses = sorted(Appointment.objects.filter(kind=Kind.APPOINTMENT)
                      .values_list("household__code", "status"))
    assert statuses == [("H001", Status.BOOKED), ("H001", Status.NO_SHOW),
                        ("H004", Status.ATTENDED)]
    phoned = Appointment.objects.get(kind=Kind.APPOINTMENT, status=Status.BOOKED)
    assert (phoned.household.code, phoned.booked_via, phoned.starts_at) == (
        "H001", BookedVia.PHONE, rome(WEDNESDAY + dt.timedelta(days=1), 10))
    assert Appointment.objects.filter(kind=Kind.WALK_IN, household=None,
                                      manager=manager).count() == 1
