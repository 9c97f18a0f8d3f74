"""Issue 11, "Done means": an activity's attendance creating participants. A Community Manager
of San Siro (whom the activities app lets record attendance, activities.manage) opens an
activity through the menu, adds today's session, finds two tenants of two households of the
hub by name and marks them as attending; each becomes one participant of the hub's funded
project (CASA OLTRE San Siro). A second session, yesterday's, attended by both again, adds a
support each and no second participant. The participants page, reached through the menu,
lists them. axe-core finds no WCAG 2.1 AA violation on the way, at 360 px and 1280 px, and
nothing scrolls sideways on the phone."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from casa.activities.models import Attendance
from casa.activities.services import activity_create
from casa.participants.models import FundedProject, Participant, SupportEvent
from casa.registry.models import Building, Member

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"attendance-participants-{name}-{width}")


def open_menu_item(page, width, name):
    if width < 992:
        page.click("button.custom-navbar-toggler")
    link = page.locator("#casa-nav").get_by_role("link", name=name, exact=True)
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def add_session(page, day):
    page.fill("#id_day", day.isoformat())
    page.fill("#id_starts_at", "10:00")
    page.fill("#id_ends_at", "12:00")
    page.fill("#id_place", "Sala comune")
    with page.expect_navigation():
        page.get_by_role("button", name="Aggiungi la sessione").click()


def mark_found(page, search, first_name):
    page.fill("#id_q", search)
    with page.expect_navigation():
        page.get_by_role("button", name="Cerca", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Presente: {first_name}").click()


@pytest.mark.parametrize("width", [360, 1280])
def test_attendance_recorded_in_the_browser_makes_each_tenant_a_participant_once(
        open_page, register, make_user, width):
    # A transactional test empties every table, the data migration's funded projects too:
    # write them again, with the hubs in them.
    import_module("casa.participants.migrations.0002_funded_projects").create_projects(apps,
                                                                                       None)
    san_siro = register["hubs"]["san-siro"]
    project = FundedProject.objects.get(hubs=san_siro)
    assert project.code == "oltre-san-siro"
    manager = make_user("community_manager", hubs=[san_siro])
    mario = register["households"]["H001"].members.current().get(relation="head")
    # A second household, moved into a building of San Siro: found by the search too.
    h003 = register["households"]["H003"]
    Building.objects.filter(pk=h003.unit.building_id).update(hub=san_siro)
    giovanni = Member.objects.create(household=h003, fiscal_code="FRRGNN50A01F205Q",
                                     first_name="Giovanni", last_name="Ferrari",
                                     birth_date=dt.date(1950, 1, 1), sex="M",
                                     relation="other", citizenship="IT")
    activity = activity_create(hub=san_siro, title="Corso: risparmiare energia in casa",
                               kind="energy_saving", acting_user=manager)
    today = timezone.localdate()
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, manager.email)

    open_menu_item(page, width, "Attività")
    with page.expect_navigation():
        page.get_by_role("link", name=activity.title).click()
    add_session(page, today)
    check(page, width, "session")
    mark_found(page, "rossi", "Mario")
    check(page, width, "first-marked")
    mark_found(page, "ferr", "Giovanni")
    assert "2 persone dell'anagrafe presenti" in page.locator("#attendance-count").inner_text()

    def participants():
        return {person: list(Participant.objects.filter(fiscal_code=person.fiscal_code))
                for person in (mario, giovanni)}

    for person, found in participants().items():
        assert len(found) == 1, person
        assert found[0].project == project and found[0].hub == san_siro
        assert found[0].entry_date == today

    # A second session (yesterday's: attendance is recorded from the day of the session on),
    # both there again: one more support each, still one participant each.
    with page.expect_navigation():  # back to the activity through the breadcrumb
        page.locator(".breadcrumb").get_by_role("link", name=activity.title).click()
    add_session(page, today - dt.timedelta(days=1))
    mark_found(page, "rossi", "Mario")
    mark_found(page, "ferr", "Giovanni")
    assert Attendance.objects.filter(session__activity=activity, attended=True).count() == 4
    for person, found in participants().items():
        assert len(found) == 1, person
        assert SupportEvent.objects.filter(participant=found[0]).count() == 2
        assert found[0].entry_date == today - dt.timedelta(days=1)  # the earliest support
    assert Participant.objects.count() == 2

    # The participants page lists them (their labour status and education are missing).
    open_menu_item(page, width, "Partecipanti FSE+")
    check(page, width, "hubs")
    with page.expect_navigation():
        page.get_by_role("link", name="San Siro").click()
    check(page, width, "hub")
    listed = page.locator("main table").inner_text()
    assert "Mario Rossi" in listed or "Rossi Mario" in listed, listed
    assert "Giovanni Ferrari" in listed or "Ferrari Giovanni" in listed, listed
    assert page.errors == []
