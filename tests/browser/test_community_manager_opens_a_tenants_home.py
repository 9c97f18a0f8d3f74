"""A Community Manager at the desk, from the household's page, opens the tenant's "My home" to
guide them: the same screen, read only, with no WCAG 2.1 AA violation and nothing scrolling
sideways on a phone (issue 9)."""

import pytest

from casa.hubs.tests.helpers import open_hub
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_guides_a_tenant_through_their_home(open_page, register, make_user,
                                                                width):
    hub = open_hub(register["hubs"]["san-siro"])
    manager = make_user("community_manager", hubs=[hub])
    make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("en", width=width, height=800, csp=False)  # axe-core is injected
    log_in(page, manager.email)
    page.goto("/staff/households/H001/")
    with page.expect_navigation():
        page.get_by_role("link", name="See the tenant's home").click()
    assert page.get_by_role("heading", name="Home of household H001").is_visible()
    assert "Nothing can be changed here" in page.locator("#staff-view").inner_text()
    assert "Via Zamagna 5" in page.locator("#home-where").inner_text()
    assert page.locator("main a[href^='/my/']").count() == 0  # nothing acts as the tenant
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    save_screenshot(page, f"community-manager-tenant-home-{width}")
    assert page.errors == []
