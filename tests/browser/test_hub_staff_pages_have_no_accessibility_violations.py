"""The pages with which a hub's staff keep it up to date, and the public hub list, have no
axe-core violation, on a phone and on a desktop, in Italian; a form sent with mistakes shows
its error summary without violations either."""

import pytest

from casa.hubs.tests.helpers import at_desk, open_hub

from .conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 1280])
def test_the_hub_staff_pages_have_no_axe_violations(open_page, register, make_user, width):
    hub = open_hub(register["hubs"]["san-siro"])
    manager = at_desk(make_user("community_manager", hubs=[hub]), hub)
    page = open_page("it", width=width, height=800, csp=False)
    page.goto("/hubs/")
    assert_no_axe_violations(page)
    log_in(page, manager.email)
    for path in (f"/staff/hubs/{hub.code}/", f"/staff/hubs/{hub.code}/hours/",
                 f"/staff/hubs/{hub.code}/closures/",
                 f"/staff/hubs/{hub.code}/staff/{manager.pk}/", "/staff/absences/",
                 "/staff/buildings/without-hub/", f"/staff/hubs/{hub.code}/topics/",
                 "/staff/agenda/week/", "/staff/agenda/book/?q=rossi",
                 "/staff/agenda/book/?household=H001&topic=isee"):
        page.goto(path)
        assert_no_axe_violations(page)

    page.goto(f"/staff/hubs/{hub.code}/closures/")
    page.fill("#id_starts_on", "2027-08-20")
    page.fill("#id_ends_on", "2027-08-02")
    page.fill("#id_reason", "Chiusura estiva")
    with page.expect_navigation():
        page.get_by_role("button", name="Aggiungi la chiusura").click()
    assert page.locator("#form-errors").is_visible()
    assert_no_axe_violations(page)
