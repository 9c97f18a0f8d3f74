"""Notices and events as people use them (issue 9): a tenant on a 360 px phone finds a notice
through the menu, reads it (new, then read) and registers for an event at their Spazio CASA;
a Community Manager publishes a notice and sees who read it. axe-core finds no WCAG 2.1 AA
violation on any page of the way, at 360 px and 1280 px, and nothing scrolls sideways on the
phone."""

import datetime as dt

import pytest
from django.utils import timezone

from casa.events.models import Registration
from casa.events.services import event_create
from casa.notices.models import Notice, NoticeRead
from casa.notices.services import notice_mark_read, notice_publish
from casa.registry.models import Building
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# (width, CSP enforced): axe-core needs the CSP bypassed to be injected; the run with the CSP
# enforced shows that the pages break none of its rules.
VIEWS = [(360, False), (1280, False), (360, True)]


def check(page, width, csp, name):
    if not csp:
        assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"{name}-{width}")


def open_menu_link(page, width, name):
    """Follow a link of the main navigation, opening the menu first on a phone."""
    if width < 992:
        page.click("button.custom-navbar-toggler")
    link = page.locator("#casa-nav").get_by_role("link", name=name)
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


@pytest.mark.parametrize(("width", "csp"), VIEWS)
def test_a_tenant_reads_a_notice_and_registers_for_an_event(open_page, register, make_user,
                                                            width, csp):
    publisher = make_user("programme_manager")
    notice = notice_publish(
        title="Niente riscaldamento in via Zamagna 5",
        body="Guasto alla caldaia: i tecnici sono al lavoro, il riscaldamento torna domani.",
        audience="building", building=Building.objects.get(code="B001"),
        acting_user=publisher)
    start = (timezone.localtime() + dt.timedelta(days=3)).replace(hour=17, minute=0, second=0,
                                                                  microsecond=0)
    event = event_create(hub=register["hubs"]["san-siro"], title="Sportello digitale",
                         description="Ti aiutiamo a usare lo SPID e l'app.",
                         starts_at=start, ends_at=start + dt.timedelta(hours=2),
                         place="Sala comune", capacity=8, max_people=3,
                         acting_user=publisher)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=csp)
    log_in(page, tenant.email)
    # The home says there is a new notice, and shows the event at the hub.
    assert page.locator("#home-notices [data-unread='1']").is_visible()
    assert "Sportello digitale" in page.locator("#home-events").inner_text()

    # The notices, through the menu: the new one stands out.
    open_menu_link(page, width, "Avvisi")
    row = page.locator(f"li[data-notice='{notice.pk}']")
    assert row.get_attribute("data-read") == "no"
    assert row.locator(".badge", has_text="Nuovo").is_visible()
    assert "Hai 1 avviso da leggere." in page.locator("main").inner_text()
    check(page, width, csp, "notices-unread")

    with page.expect_navigation():
        row.get_by_role("link").click()
    assert page.get_by_role("heading", name="Niente riscaldamento in via Zamagna 5").is_visible()
    assert "Guasto alla caldaia" in page.locator("main").inner_text()
    check(page, width, csp, "notice")

    with page.expect_navigation():
        page.get_by_role("link", name="Torna agli avvisi").click()
    row = page.locator(f"li[data-notice='{notice.pk}']")
    assert row.get_attribute("data-read") == "yes"
    assert row.locator(".badge", has_text="Nuovo").count() == 0
    assert "Hai letto tutti gli avvisi." in page.locator("main").inner_text()
    assert NoticeRead.objects.filter(notice=notice, user=tenant).exists()
    check(page, width, csp, "notices-read")

    # The events, through the menu: register two people.
    open_menu_link(page, width, "Eventi")
    check(page, width, csp, "events")
    with page.expect_navigation():
        page.locator(f"li[data-event='{event.pk}']").get_by_role(
            "link", name="Sportello digitale").click()
    check(page, width, csp, "event")
    page.select_option("#id_people", "2")
    with page.expect_navigation():
        page.get_by_role("button", name="Iscriviti").click()

    assert page.locator("#event-state").get_by_text("Sei iscritto").is_visible()
    assert "per 2 persone" in page.locator("#event-state").inner_text()
    registration = Registration.objects.get(event=event)
    assert (registration.household.code, registration.people, registration.status) == (
        "H001", 2, "confirmed")
    check(page, width, csp, "event-registered")
    page.goto("/my/home/")
    assert "Sei iscritto" in page.locator("#home-events").inner_text()
    assert page.locator("#home-notices [data-unread]").count() == 0
    assert page.errors == []


@pytest.mark.parametrize(("width", "csp"), VIEWS)
def test_a_community_manager_publishes_a_notice_and_sees_who_read_it(open_page, register,
                                                                     make_user, width, csp):
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    page = open_page("it", width=width, csp=csp)
    log_in(page, manager.email)

    open_menu_link(page, width, "Avvisi")
    with page.expect_navigation():
        page.get_by_role("link", name="Nuovo avviso").click()
    check(page, width, csp, "notice-form")

    # Sent empty: the errors first, each linked to its field.
    with page.expect_navigation():
        page.get_by_role("button", name="Pubblica l'avviso").click()
    assert page.locator(".casa-error-summary").is_visible()
    check(page, width, csp, "notice-form-errors")

    page.fill("#id_title", "Assemblea di caseggiato")
    page.fill("#id_body", "Giovedì alle 18 nella sala comune: lavori alle scale.")
    page.locator("label", has_text="un edificio").first.click()
    page.select_option("#id_building", label="Via Zamagna 5, Milano (B001)")
    with page.expect_navigation():
        page.get_by_role("button", name="Pubblica l'avviso").click()

    notice = Notice.objects.get()
    assert (notice.audience, notice.building.code, notice.created_by) == (
        "building", "B001", manager)
    assert "Avviso pubblicato." in page.locator(".casa-messages").inner_text()
    assert "letto in 0 nuclei" in page.locator("#receipts").inner_text()
    check(page, width, csp, "notice-detail")

    # The tenant of H001 reads it; the receipts count it and the list names them.
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    notice_mark_read(notice=notice, user=tenant, household=register["households"]["H001"])
    page.reload()
    receipts = page.locator("#receipts").inner_text()
    assert "1 nucleo interessato" in receipts and "letto in 1 nucleo" in receipts
    with page.expect_navigation():
        page.get_by_role("link", name="Chi l'ha letto").click()
    assert "H001" in page.locator("#readers").inner_text()
    check(page, width, csp, "notice-readers")
    assert page.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_runs_an_event_without_axe_violations(open_page, register,
                                                                  make_user, width):
    from casa.events.services import registration_create

    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    page = open_page("it", width=width, csp=False)
    log_in(page, manager.email)

    page.goto("/staff/events/new/")
    check(page, width, False, "event-form")
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    page.fill("#id_title", "Corso risparmio energetico")
    page.fill("#id_day", day)
    page.fill("#id_start", "17:00")
    page.fill("#id_end", "16:00")  # before the start: refused
    page.fill("#id_place", "Sala comune")
    page.fill("#id_capacity", "1")
    page.fill("#id_max_people", "1")
    with page.expect_navigation():
        page.get_by_role("button", name="Crea l'evento").click()
    assert "L'evento deve finire dopo l'inizio." in page.locator(".casa-error-summary").inner_text()
    check(page, width, False, "event-form-errors")
    page.fill("#id_end", "19:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Crea l'evento").click()
    assert "Evento creato." in page.locator(".casa-messages").inner_text()

    event = register["hubs"]["san-siro"].events.get()
    registration_create(event=event, household=register["households"]["H001"], people=1,
                        acting_user=manager)
    with page.expect_navigation():
        page.get_by_role("link", name="Iscrivi un nucleo").click()
    check(page, width, False, "event-register-household")
    page.goto(f"/staff/events/{event.pk}/")
    assert "H001" in page.locator("#registrations").inner_text()
    check(page, width, False, "event-detail")
    with page.expect_navigation():
        page.get_by_role("link", name="Annulla l'evento").click()
    check(page, width, False, "event-cancel")
    page.goto("/staff/events/")
    check(page, width, False, "event-list")
    assert page.errors == []
