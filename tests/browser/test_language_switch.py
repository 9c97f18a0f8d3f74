"""The language switch in the header changes the page's language, with no JavaScript error
and no Content-Security-Policy violation."""

import pytest

from .conftest import choose_language

pytestmark = pytest.mark.browser


def test_switching_to_english_and_back_changes_the_page_language(page):
    page.goto("/privacy/")
    assert page.get_attribute("html", "lang") == "it"

    choose_language(page, "en")

    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/privacy/")
    assert page.locator("h1").inner_text() == "Privacy notice"

    choose_language(page, "it")

    assert page.get_attribute("html", "lang") == "it"
    assert page.errors == []


def test_the_language_switch_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accessibility/")
        choose_language(page, "en")
        assert page.get_attribute("html", "lang") == "en"
    finally:
        context.close()


def test_what_was_typed_in_a_form_stays_when_switching_language(page):
    page.goto("/accounts/login/")
    page.fill("#id_login", "maria.rossi@example.invalid")
    page.fill("#id_password", "not-kept-anywhere")

    choose_language(page, "en")

    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"
    assert page.input_value("#id_login") == "maria.rossi@example.invalid"
    assert page.input_value("#id_password") == ""
    assert page.errors == []


def test_what_was_typed_stays_without_javascript_too(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_login", "maria.rossi@example.invalid")
        choose_language(page, "en")
        assert page.get_attribute("html", "lang") == "en"
        assert page.input_value("#id_login") == "maria.rossi@example.invalid"
    finally:
        context.close()


def test_a_search_typed_but_not_sent_stays_when_switching_language(open_page, make_user):
    from .conftest import log_in

    page = open_page("it")
    log_in(page, make_user("community_manager").email)
    page.goto("/staff/households/")
    page.fill("#id_q", "Rossi")

    choose_language(page, "en")

    assert page.get_attribute("html", "lang") == "en"
    assert page.input_value("#id_q") == "Rossi"
    assert "q=Rossi" in page.url
    assert page.errors == []
