"""Logging in through the browser: staff land on the household search (Community Managers on
their day, tests/browser/test_community_manager_day.py); a wrong password
shows a clear error, announced to screen readers."""

import pytest

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


def test_a_staff_member_logs_in_and_lands_on_the_household_search(page, make_user):
    user = make_user("benefit_officer")

    log_in(page, user.email)

    assert page.url.endswith("/staff/households/")
    current = page.locator("nav#navigation a[aria-current=page]")
    assert current.get_attribute("href") == "/staff/households/"
    assert page.locator("header form[action='/accounts/logout/'] button").is_visible()
    assert page.errors == []


def test_a_wrong_password_shows_a_clear_error_next_to_the_form(open_page, make_user):
    user = make_user("community_manager")
    page = open_page("en")

    log_in(page, user.email, password="not-the-password")

    alert = page.locator("main [role=alert]")
    assert "not correct" in alert.inner_text()
    # The fields are described by the form-wide error, a line of the error summary.
    error = alert.locator("li", has_text="not correct")
    described_by = page.get_attribute("#id_password", "aria-describedby")
    assert error.get_attribute("id") in described_by.split()
    assert page.url.endswith("/accounts/login/")


def test_the_login_error_state_has_no_axe_violations(open_page, make_user):
    user = make_user("tenant")
    page = open_page("it", csp=False)

    log_in(page, user.email, password="not-the-password")

    assert_no_axe_violations(page)


def test_logging_out_from_the_header_returns_to_the_home_page(page, make_user):
    user = make_user("tenant")
    log_in(page, user.email)

    with page.expect_navigation():
        page.click("header form[action='/accounts/logout/'] button")

    assert page.locator("header a[href='/accounts/login/']").first.is_visible()


def test_the_admin_opens_through_the_casa_login_page(page, make_user):
    administrator = make_user("admin")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()

    page.goto("/admin/")
    assert "/accounts/login/?next=/admin/" in page.url
    page.fill("#id_login", administrator.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert page.url.endswith("/admin/")
    assert page.locator("#site-name").is_visible()
