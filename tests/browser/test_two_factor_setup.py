"""A staff member sets up two-factor authentication: after confirming the password they see
the QR code, and both pages have no accessibility violations."""

import pytest

from .conftest import PASSWORD, assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_the_password_confirmation_and_qr_code_pages_are_accessible(open_page, make_user):
    user = make_user("benefit_officer")
    page = open_page("it", csp=False)
    log_in(page, user.email)

    page.goto("/accounts/2fa/totp/activate/")
    assert "/accounts/reauthenticate/" in page.url
    assert_no_axe_violations(page)

    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert page.locator("img.casa-qr").is_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "totp-activate")
