"""The care and vigilance staff's day (issue 11): a caretaker opens "Cura e vigilanza" from the
menu, walks a round of a building on the phone, finds a broken light, photographs it and opens
a problem report from the saved round in one tap; looks in on a fragile resident and, finding
a problem, alerts the hub's Community Manager; and a round sent with no network is kept on the
phone and sent, once, when the network returns. axe-core finds no WCAG 2.1 AA violation at
360 px and 1280 px, and nothing scrolls sideways on the phone."""

import datetime as dt

import pytest

from casa.care import services
from casa.care.models import Flag, Round
from casa.core.tests.test_photos_are_checked_and_cleaned import jpeg_bytes, sideways
from casa.notifications.models import Message
from casa.reports.models import Report
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"care-{name}-{width}")


def categories():
    """The live server's database is emptied between tests: the report categories the data
    migration wrote, again."""
    from django.apps import apps

    from casa.reports.migrations import __name__ as package

    module = __import__(f"{package}.0002_categories", fromlist=["create"])
    module.create(apps, None)


def open_care(page, width):
    if width < 992:
        page.click("button.custom-navbar-toggler")
    link = page.locator("#casa-nav").get_by_role("link", name="Cura e vigilanza")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_round_finds_a_broken_light_and_opens_a_report(open_page, register, make_user,
                                                         tmp_path, width):
    categories()
    carer = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    photo = tmp_path / "luce.jpg"
    photo.write_bytes(jpeg_bytes(sideways((120, 80))))
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, carer.email)

    open_care(page, width)
    check(page, width, "rounds")
    with page.expect_navigation():
        page.locator("#round-buildings").get_by_role("link", name="Via Zamagna 5").click()
    check(page, width, "round-form")

    lighting = page.locator("#item-lighting")
    lighting.locator("label", has_text="Problema").click()
    lighting.get_by_label("Nota").fill("Luce delle scale B rotta al piano terra.")
    lighting.get_by_label("Foto").set_input_files(str(photo))
    page.locator("#item-lifts label", has_text="Tutto a posto").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Invia il giro").click()
    saved = Round.objects.get()
    assert page.locator("#round-checks [data-item='lighting'][data-status='problem']").is_visible()
    check(page, width, "round")

    with page.expect_navigation():
        page.get_by_role("button", name="Apri una segnalazione: Illuminazione").click()
    report = Report.objects.get()
    assert (report.category.code, report.building.code, report.photos.count()) == (
        "electricity", "B001", 1)
    assert saved.checks.get(item="lighting").report == report
    assert page.get_by_role("link", name=report.reference).is_visible()
    check(page, width, "round-reported")
    assert page.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_fragile_residents_visit_alerts_the_community_manager(open_page, register, make_user,
                                                                width):
    carer = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    services.resident_register(fiscal_code=FISCAL_CODES[0], reason="elderly_alone",
                               consent_on=dt.date.today() - dt.timedelta(days=30),
                               consent_how="signed", visit_every_days=7, acting_user=carer)
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, carer.email)

    page.goto("/staff/care/residents/")
    assert page.locator("#resident-list [data-overdue='1']").count() == 1
    check(page, width, "residents")
    with page.expect_navigation():
        page.get_by_role("link", name="Mario Rossi").click()
    check(page, width, "resident")

    page.get_by_label("Note della visita").fill("Frigorifero vuoto, non esce da giorni.")
    page.locator("label", has_text="È stato trovato un problema").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Salva la visita").click()
    assert page.locator("#visit-list [data-problem='1']").count() == 1
    check(page, width, "resident-visited")

    flag = Flag.objects.get()
    assert flag.hub.code == "san-siro" and flag.household.code == "H001"
    assert Message.objects.filter(kind="care.flag", user=manager).exists()
    assert page.errors == []


def test_a_round_sent_with_no_network_is_sent_once_when_it_returns(open_page, register,
                                                                   make_user):
    carer = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    page = open_page("it", width=360, height=800)
    log_in(page, carer.email)
    page.goto("/staff/care/rounds/new/B001/")
    page.locator("#item-cleaning label", has_text="Problema").click()
    page.locator("#item-cleaning").get_by_label("Nota").fill("Scale sporche.")

    page.context.set_offline(True)
    page.get_by_role("button", name="Invia il giro").click()
    notice = page.locator("#round-offline")
    notice.wait_for(state="visible")
    assert "salvato sul telefono" in notice.inner_text()
    assert Round.objects.count() == 0
    # A second tap while still offline keeps one round on the phone, not two.
    page.get_by_role("button", name="Invia il giro").click()
    assert page.evaluate(
        "JSON.parse(localStorage.getItem('casa.care.pendingRounds')).length") == 1

    page.context.set_offline(False)
    page.locator("#round-offline", has_text="è stato inviato").wait_for()
    saved = Round.objects.get()
    assert dict(saved.checks.values_list("item", "status"))["cleaning"] == "problem"
    assert page.evaluate("localStorage.getItem('casa.care.pendingRounds')") == "[]"
