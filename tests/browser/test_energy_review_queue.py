"""A benefit officer works through the review queue in a browser: on a 360 px phone and on a
1280 px screen the queue has no accessibility violations (WCAG 2.1 AA, axe-core) and the page
never scrolls sideways (the table scrolls inside its own labelled region); the sortable headers
say how the queue is sorted; "next application" leads through the queue to its end."""

import pytest

from casa.energy.tests.fixtures import demo_call, household, submit

from .conftest import assert_no_axe_violations, log_in, save_screenshot
from .test_phone_layout import HORIZONTAL_OVERFLOW

pytestmark = pytest.mark.browser


@pytest.fixture
def queue(make_user):
    officer = make_user("benefit_officer")
    call = demo_call()
    # The first two have autonomous heating and give the same IBAN: flagged for review.
    apps = [submit(call, household(isee=isee, heating=heating), by=officer, minutes=minute)
            for minute, (isee, heating) in enumerate([("14000.00", "autonomous"),
                                                      ("10000.00", "autonomous"),
                                                      ("12000.00", "central")])]
    return officer, apps


@pytest.mark.parametrize("width", [360, 1280])
def test_the_queue_has_no_accessibility_violations_and_fits(open_page, queue, width):
    officer, apps = queue
    page = open_page("it", width=width, height=800, csp=False)
    log_in(page, officer.email)
    page.goto("/staff/energy/review/")
    assert page.locator("#review-queue tbody tr").count() == len(apps)
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    region = page.get_by_role("region", name="Domande: Da lavorare")
    assert region.count() == 1
    save_screenshot(page, f"review-queue-{width}")
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.locator("#review-queue").get_by_role("link", name=apps[0].protocol).click()
    assert page.locator("#shared-iban").count() == 1
    save_screenshot(page, f"review-application-{width}")
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert_no_axe_violations(page)
    assert page.errors == []


def test_an_officer_sorts_by_isee_and_follows_next_application_to_the_end(open_page, queue):
    officer, apps = queue
    page = open_page("en", width=1280)
    log_in(page, officer.email)
    page.goto("/staff/energy/review/")
    submitted = page.locator("#review-queue th[aria-sort]")
    assert submitted.get_attribute("aria-sort") == "ascending"
    assert submitted.inner_text().startswith("Submitted")

    with page.expect_navigation():
        page.locator("#review-queue thead").get_by_role("link", name="ISEE used").click()
    header = page.locator("#review-queue th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending"
    assert header.inner_text().startswith("ISEE used")
    by_isee = [apps[1], apps[2], apps[0]]
    rows = page.locator("#review-queue tbody th[scope=row]").all_inner_texts()
    assert rows == [app.protocol for app in by_isee]

    with page.expect_navigation():
        page.locator("#review-queue").get_by_role("link", name=by_isee[0].protocol).click()
    seen = [page.locator("h1").inner_text()]
    while page.locator("a#next-application").count():
        with page.expect_navigation():
            page.locator("a#next-application").click()
        seen.append(page.locator("h1").inner_text())
    assert [title.split()[1] for title in seen] == [app.protocol for app in by_isee]
    assert page.locator("#next-application").inner_text() == (
        "This is the last application in the queue.")

    with page.expect_navigation():
        page.locator("#back-to-queue").click()
    assert "sort=isee" in page.url
    assert page.errors == []
