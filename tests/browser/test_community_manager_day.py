"""The Community Manager's day (issue 11), in the browser: a Community Manager logs in and lands
on their day; each card shows its count and the items of their own hub (never the other hub's),
and each item is one tap from its page. axe-core finds no WCAG 2.1 AA violation, at 360 px
(cards stacked, nothing scrolls sideways) and at 1280 px."""

import pytest

from casa.portal.tests.day_world import fill_day

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SECTIONS = ("appointments", "cases", "reports", "flags", "callbacks", "energy", "arrears")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_community_manager_sees_their_day_and_follows_each_item(open_page, register,
                                                                  make_user, width):
    hubs = register["hubs"]
    households = register["households"]
    manager = make_user("community_manager", hubs=[hubs["san-siro"]])
    officer = make_user("benefit_officer")
    mine = fill_day(households["H001"], manager=manager, officer=officer,
                    carer=make_user("care_staff", hubs=[hubs["san-siro"]]))
    theirs = fill_day(households["H002"], officer=officer,
                      manager=make_user("community_manager", hubs=[hubs["lorenteggio"]]),
                      carer=make_user("care_staff", hubs=[hubs["lorenteggio"]]))
    page = open_page("it", width=width, height=800 if width == 360 else 900, csp=False)

    log_in(page, manager.email)

    assert page.url.endswith("/staff/day/")
    assert page.locator("nav#navigation a[aria-current=page]").get_attribute(
        "href") == "/staff/day/"
    assert_no_axe_violations(page)
    if width == 360:
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, "the day page scrolls sideways"
        # Stacked: each card as wide as the page's column.
        boxes = [page.locator(f"#day-{key}").bounding_box() for key in SECTIONS]
        assert len({round(box["x"]) for box in boxes}) == 1
    save_screenshot(page, f"community-manager-day-{width}")
    main = page.locator("main").inner_text()
    assert mine["application"].protocol in main and theirs["application"].protocol not in main
    assert "Chiamare per l'ISEE H001" in main and "H002" not in main
    assert page.errors == []

    expected = {
        "appointments": f"/staff/agenda/{mine['walk_in'].pk}/",
        "cases": f"/staff/cases/{mine['case'].pk}/",
        "reports": f"/staff/reports/{mine['report'].pk}/",
        "flags": f"/staff/care/residents/{mine['resident'].pk}/",
        "callbacks": f"/staff/call-back/{mine['callback'].pk}/",
        "energy": f"/staff/energy/applications/{mine['application'].protocol}/",
        "arrears": f"/staff/cases/{mine['case'].pk}/",
    }
    for key, path in expected.items():
        card = page.locator(f"#day-{key}")
        assert card.locator("[data-count]").inner_text().strip().endswith("1"), key
        with page.expect_navigation():
            card.locator(".list-group-item a").first.click()
        assert page.url.endswith(path), key
        assert page.locator("main h1").count() == 1, key
        page.goto("/staff/day/")
