"""A form that fails: the error summary at the top takes the focus, its links lead into the
fields, and the page has no accessibility violation."""

import pytest

from .conftest import assert_no_axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def submit_empty_login(page):
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_the_summary_takes_the_focus_and_links_to_each_field(open_page):
    page = open_page("en")

    submit_empty_login(page)

    summary = page.locator("[data-casa-error-summary]")
    assert summary.locator("h2").inner_text() == "There are 2 problems"
    assert page.evaluate("document.activeElement.id") == "form-errors"
    links = summary.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#id_login", "#id_password"]
    for href in hrefs:
        assert page.locator(href).count() == 1

    save_screenshot(page, "error-summary")
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_password"
    assert page.errors == []


def test_the_summary_is_there_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False, locale="it-IT")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        summary = page.locator("[data-casa-error-summary]")
        assert summary.get_attribute("tabindex") == "-1"
        assert summary.locator("a[href='#id_login']").count() == 1
    finally:
        context.close()


def test_the_error_summary_has_no_axe_violations(open_page):
    page = open_page("it", csp=False)

    submit_empty_login(page)

    assert_no_axe_violations(page)
