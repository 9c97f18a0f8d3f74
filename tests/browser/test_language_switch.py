"""The language switch in the header changes the page's language, with no JavaScript error
and no Content-Security-Policy violation."""

import pytest

pytestmark = pytest.mark.browser


def test_switching_to_english_and_back_changes_the_page_language(page):
    page.goto("/privacy/")
    assert page.get_attribute("html", "lang") == "it"

    with page.expect_navigation():
        page.click("form.casa-language-switch button[value=en]")

    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/privacy/")
    assert page.locator("h1").inner_text() == "Privacy notice"

    with page.expect_navigation():
        page.click("form.casa-language-switch button[value=it]")

    assert page.get_attribute("html", "lang") == "it"
    assert page.errors == []


def test_the_language_switch_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accessibility/")
        with page.expect_navigation():
            page.click("form.casa-language-switch button[value=en]")
        assert page.get_attribute("html", "lang") == "en"
    finally:
        context.close()
