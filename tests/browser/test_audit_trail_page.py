"""The auditor's search of the audit trail: labelled fields, a captioned table, errors next
to their fields; no WCAG 2.1 AA violation, no Content-Security-Policy error, and no sideways
scrolling on a 360 px phone."""

import pytest

from casa.core.tests.audit_helpers import rome, write

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def trail(register, make_user):
    officer = make_user("benefit_officer")
    for minute in (0, 5, 9):
        write(actor=officer, target_id="H001", at=rome(2026, 11, 20, 10, minute))
    write(action="update", target_id="H001", at=rome(2026, 11, 20, 11),
          changes={"rent_band": ["protezione", "accesso"]})
    return make_user("auditor")


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_search_and_its_results_have_no_axe_violations(open_page, trail, language):
    page = open_page(language, csp=False)
    log_in(page, trail.email)
    page.goto("/audit/?household=H001")

    assert page.locator("table caption").count() == 1
    assert_no_axe_violations(page)


def test_bad_filters_are_announced_next_to_their_fields_without_axe_violations(open_page,
                                                                              trail):
    page = open_page("it", csp=False)
    log_in(page, trail.email)
    page.goto("/audit/?date_from=31/02/2026&staff=nessuno")

    assert page.locator("#id_date_from-error").inner_text().startswith("Scrivi la data")
    assert page.get_attribute("#id_staff", "aria-invalid") == "true"
    assert_no_axe_violations(page)


def test_the_page_fits_a_360px_phone_with_the_csp_enforced(open_page, trail):
    page = open_page("it", width=360, height=740)
    log_in(page, trail.email)
    page.goto("/audit/?household=H001")
    save_screenshot(page, "phone-audit-search-it")

    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.errors == []
