"""On a 360 px wide phone the pages fit: nothing scrolls sideways."""

import pytest

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("path", ["/", "/privacy/", "/accessibility/", "/accounts/login/"])
def test_public_page_has_no_horizontal_scroll_at_360px(open_page, path, language):
    page = open_page(language, width=360, height=740)
    page.goto(path)

    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.errors == []
    save_screenshot(page, f"phone-{path.strip('/').replace('/', '-') or 'home'}-{language}")


def test_a_logged_in_page_has_no_horizontal_scroll_at_360px(open_page, make_user):
    user = make_user("auditor")
    page = open_page("it", width=360, height=740)
    log_in(page, user.email)
    page.goto("/audit/")
    save_screenshot(page, "phone-audit-it")

    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0


def test_the_menu_button_opens_the_navigation_on_a_phone(open_page, make_user):
    user = make_user("auditor")
    page = open_page("en", width=360, height=740)
    log_in(page, user.email)
    audit_link = page.locator("#casa-nav a[href='/audit/']")
    assert not audit_link.is_visible()

    page.click("button.custom-navbar-toggler")

    audit_link.wait_for(state="visible")
    page.wait_for_timeout(600)  # let the slide-in finish before any screenshot
    save_screenshot(page, "phone-menu-open-en")
    assert page.errors == []


def test_the_phone_menu_closes_with_its_button_with_escape_and_keeps_the_focus(open_page,
                                                                              make_user):
    """CASA's own script, not Bootstrap Italia's bundle: the panel is a modal dialog, the
    page behind it inert; Escape or the close button close it and the focus goes back to
    the menu button."""
    user = make_user("auditor")
    page = open_page("en", width=360, height=740)
    log_in(page, user.email)
    toggler = page.locator("button.custom-navbar-toggler")
    audit_link = page.locator("#casa-nav a[href='/audit/']")

    toggler.click()
    audit_link.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    assert page.locator("#casa-nav").get_attribute("role") == "dialog"
    assert page.evaluate("document.querySelector('main').inert")
    assert page.evaluate("document.activeElement.classList.contains('close-menu')")
    for _ in range(6):  # Tab cycles inside the panel
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('casa-nav')"
                             ".contains(document.activeElement)")

    page.keyboard.press("Escape")
    audit_link.wait_for(state="hidden")
    assert toggler.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('custom-navbar-toggler')")
    assert not page.evaluate("document.querySelector('main').inert")

    toggler.click()
    audit_link.wait_for(state="visible")
    page.click("#casa-nav .close-menu")
    audit_link.wait_for(state="hidden")
    assert page.errors == []


def test_at_desktop_width_the_navigation_shows_without_the_menu_button(open_page, make_user):
    user = make_user("auditor")
    page = open_page("en", width=1280)
    log_in(page, user.email)

    assert page.locator("#casa-nav a[href='/audit/']").is_visible()
    assert not page.locator("button.custom-navbar-toggler").is_visible()


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("width", [992, 1280])
@pytest.mark.parametrize("role", ["community_manager", "programme_manager", "admin"])
def test_a_long_staff_menu_wraps_and_nothing_scrolls_sideways_on_a_desktop(
        open_page, make_user, register, role, width, language):
    # A Community Manager's menu has a dozen entries: in one row they ran off the right edge
    # (the page was 1,554 px wide at 1280).
    user = make_user(role, hubs=[register["hubs"]["san-siro"]])
    page = open_page(language, width=width)
    log_in(page, user.email)

    links = page.locator("#casa-nav .navbar-nav .nav-link")
    assert links.count() >= 8
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, links.nth(index).inner_text()
    save_screenshot(page, f"desktop-menu-{role}-{width}-{language}")
