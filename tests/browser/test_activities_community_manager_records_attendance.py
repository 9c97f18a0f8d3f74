"""Activities at the hubs (issue 11): a Community Manager opens the activities through the
menu, opens an activity linked to an event, adds today's session, ticks the people of the
households registered for the event, finds one more person by name and marks them, counts the
people not in the register, and records a volunteer's hours (a mistake first: 30 hours).
Each person marked becomes a participant: the register's support_given signal, received here
in the live server's process, arrives once per attendance. axe-core finds no WCAG 2.1 AA
violation on the way, at 360 px and 1280 px, and nothing scrolls sideways on the phone."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from casa.activities.models import Attendance, Contribution
from casa.activities.services import activity_create
from casa.events.services import event_create, registration_create
from casa.registry.models import Member
from casa.registry.signals import support_given

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"activities-{name}-{width}")


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    support_given.connect(receiver, weak=False)
    yield calls
    support_given.disconnect(receiver)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_records_a_session_s_attendance(open_page, register, make_user,
                                                          received, width):
    san_siro = register["hubs"]["san-siro"]
    manager = make_user("community_manager", hubs=[san_siro])
    h001 = register["households"]["H001"]
    Member.objects.create(household=h001, fiscal_code="RSSLCU82B41F205Z", first_name="Lucia",
                          last_name="Rossi", birth_date=dt.date(1982, 2, 1), sex="F",
                          relation="spouse", citizenship="IT")
    # A second household of San Siro, not registered: found by the search.
    other = Member.objects.create(household=register["households"]["H003"],
                                  fiscal_code="FRRGNN50A01F205Q", first_name="Giovanni",
                                  last_name="Ferrari", birth_date=dt.date(1950, 1, 1),
                                  sex="M", relation="other", citizenship="IT")
    register["households"]["H003"].unit.building.__class__.objects.filter(
        pk=register["households"]["H003"].unit.building_id).update(hub=san_siro)
    start = timezone.now() + dt.timedelta(minutes=30)
    event = event_create(hub=san_siro, title="Sportello digitale", starts_at=start,
                         ends_at=start + dt.timedelta(hours=2), place="Sala comune",
                         capacity=10, acting_user=manager)
    registration_create(event=event, household=h001, people=2, acting_user=manager)
    activity = activity_create(hub=san_siro, title="Sportello digitale del martedì",
                               kind="digital_help", event=event, acting_user=manager)
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, manager.email)

    if width < 992:
        page.click("button.custom-navbar-toggler")
    link = page.locator("#casa-nav").get_by_role("link", name="Attività")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    check(page, width, "list")
    with page.expect_navigation():
        page.get_by_role("link", name=activity.title).click()
    check(page, width, "activity")

    page.fill("#id_day", timezone.localdate().isoformat())
    page.fill("#id_starts_at", "10:00")
    page.fill("#id_ends_at", "12:00")
    page.fill("#id_place", "Sala comune")
    with page.expect_navigation():
        page.get_by_role("button", name="Aggiungi la sessione").click()
    check(page, width, "session")

    # The two people of the registered household, ticked.
    # Bootstrap Italia draws the box on the label: a person taps the name.
    page.locator("#attendance-form label", has_text="Mario Rossi").click()
    page.locator("#attendance-form label", has_text="Lucia Rossi").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Salva chi è venuto").click()
    assert "2 persone dell'anagrafe presenti" in page.locator("#attendance-count").inner_text()

    page.fill("#id_q", "ferr")
    with page.expect_navigation():
        page.get_by_role("button", name="Cerca", exact=True).click()
    check(page, width, "search")
    with page.expect_navigation():
        page.get_by_role("button", name="Presente: Giovanni").click()
    assert "3 persone dell'anagrafe presenti" in page.locator("#attendance-count").inner_text()

    page.fill("#id_anonymous_attendees", "4")
    with page.expect_navigation():
        page.locator("#anonymous-form").get_by_role("button", name="Salva").click()

    page.fill("#id_volunteer_name", "Chiara Bianchi")
    page.fill("#id_hours", "30")
    with page.expect_navigation():
        page.get_by_role("button", name="Registra le ore").click()
    assert "non possono essere più di 24" in page.locator("#contribution-form").inner_text()
    check(page, width, "hours-error")
    page.fill("#id_hours", "2,5")
    with page.expect_navigation():
        page.get_by_role("button", name="Registra le ore").click()
    assert "Chiara Bianchi" in page.locator("#contributions").inner_text()
    check(page, width, "session-done")

    attendances = Attendance.objects.filter(session__activity=activity, attended=True)
    assert sorted(a.member.first_name for a in attendances) == ["Giovanni", "Lucia", "Mario"]
    assert sorted(call["source"] for call in received) == sorted(
        f"activities:attendance:{a.pk}" for a in attendances)
    assert {call["hub"] for call in received} == {san_siro}
    assert Contribution.objects.get().hours == Decimal("2.5")
    assert other.activity_attendances.count() == 1
    assert page.errors == []
