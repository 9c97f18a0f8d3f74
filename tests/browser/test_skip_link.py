"""The first Tab reaches the "skip to content" link, and following it moves focus to main."""

import pytest

pytestmark = pytest.mark.browser


def test_the_skip_link_moves_focus_to_the_main_content(open_page):
    page = open_page("en")
    page.goto("/privacy/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    assert page.locator(".skiplinks a[href='#main']").is_visible()

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
