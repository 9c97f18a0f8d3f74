"""Problem reports, the staff's side (issue 10): a Community Manager opens the queue through
the menu, filters the late reports, opens one, takes it in charge, sends it to maintenance
with a message for the reporter, and resolves it; the building's page and the form to report
for a household, too. axe-core finds no WCAG 2.1 AA violation on any page of the way, at
360 px and 1280 px, and nothing scrolls sideways on the phone."""

import datetime as dt

import pytest
from django.utils import timezone

from casa.reports.models import Category, Report
from casa.reports.services import report_create
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, width, name):
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways"
    save_screenshot(page, f"reports-{name}-{width}")


def categories():
    """The live server's database is emptied between tests: the categories the data migration
    wrote, again."""
    from django.apps import apps

    from casa.reports.migrations import __name__ as package

    module = __import__(f"{package}.0002_categories", fromlist=["create"])
    module.create(apps, None)


def change_status(page, label, message=""):
    page.select_option("#id_status-status", label=label)
    if message:
        page.fill("#id_status-public_message", message)
    with page.expect_navigation():
        page.locator("#status-form").get_by_role("button", name="Cambia lo stato").click()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_takes_a_late_report_to_resolution(open_page, register, make_user,
                                                               width):
    categories()
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    late = report_create(category=Category.objects.get(code="heating"), place="flat",
                         description="Termosifoni freddi da due giorni.", acting_user=tenant,
                         now=timezone.now() - dt.timedelta(days=3))
    on_time = report_create(category=Category.objects.get(code="cleaning"),
                            place="courtyard", description="Cortile sporco.",
                            acting_user=tenant)
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)
    log_in(page, manager.email)

    if width < 992:
        page.click("button.custom-navbar-toggler")
    link = page.locator("#casa-nav").get_by_role("link", name="Segnalazioni")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    rows = page.locator("#report-queue tbody tr")
    assert rows.count() == 2
    check(page, width, "queue")

    # Ticking the box refreshes the results; "Filtra" asks again, after the first answer.
    with page.expect_response(lambda response: "late=on" in response.url):
        page.locator("label", has_text="In ritardo sul tempo previsto").click()
    with page.expect_response(lambda response: "late=on" in response.url):
        page.get_by_role("button", name="Filtra").click()
    page.wait_for_function("document.querySelectorAll('#report-queue tbody tr').length === 1")
    assert page.locator(f"tr[data-report='{late.pk}'][data-late='1']").is_visible()
    assert page.locator(f"tr[data-report='{on_time.pk}']").count() == 0
    assert "late=on" in page.url
    check(page, width, "queue-late")

    with page.expect_navigation():
        page.get_by_role("link", name=late.reference).click()
    assert "Termosifoni freddi" in page.locator("#report-description").inner_text()
    check(page, width, "report")

    change_status(page, "Presa in carico")
    assert "Presa in carico" in page.locator("#report-status").inner_text()
    change_status(page, "Inviata alla manutenzione", "Il tecnico passa domani mattina.")
    assert "Inviata alla manutenzione" in page.locator("#report-status").inner_text()
    assert "Il tecnico passa domani mattina." in page.locator("#report-history").inner_text()
    check(page, width, "report-maintenance")

    # A mistake first: rejecting is not offered any more, resolving is.
    assert page.locator("#id_status-status option[value='rejected']").count() == 0
    change_status(page, "Risolta", "Caldaia riparata.")
    assert "Risolta" in page.locator("#report-status").inner_text()
    late.refresh_from_db()
    assert late.status == "resolved"
    assert list(late.updates.filter(kind="status").values_list("to_status", flat=True)) == [
        "taken", "maintenance", "resolved"]
    check(page, width, "report-resolved")

    # Errors are shown next to their field, on the same page, without violations.
    page.locator("#reply-form").get_by_role("button", name="Invia la risposta").click()
    page.wait_for_selector("#reply-form .invalid-feedback")
    check(page, width, "report-error")

    page.goto(f"/staff/reports/buildings/{late.building.code}/")
    assert page.locator(f"#building-recent tr[data-report='{late.pk}']").is_visible()
    check(page, width, "building")
    page.goto("/staff/reports/new/household/H001/")
    check(page, width, "new-for-household")
    assert Report.objects.count() == 2
    assert page.errors == []
