"""Issue 13's journey in Chromium, at 360 px and 1280 px: a tenant opens the login page, presses
"Entra con SPID", picks the test identity provider, confirms their fiscal code on its page and
lands on their home, through the real SAML flow. axe-core finds no WCAG 2.1 A/AA violation on
the login page with the SPID menu open, nor on the page for someone the register does not know.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from casa.spid.testidp import NAMES
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, save_screenshot

pytestmark = pytest.mark.browser
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def test_providers(live_server, settings):
    """The test identity providers at the live server's address, as `make run` loads them."""
    settings.SITE_URL = live_server.url
    settings.CASA_SPID_ENTITY_ID = f"{live_server.url}/spid/metadata/"
    call_command("spid_registry", "--test-providers", stdout=open("/dev/null", "w"))  # noqa: SIM115


def open_spid_menu(page):
    page.goto(reverse("account_login"))
    summary = page.locator("summary", has_text="Entra con SPID")
    summary.focus()
    page.keyboard.press("Enter")  # from the keyboard: a <details> needs no JavaScript
    page.locator("details.casa-spid-menu[open]").wait_for()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_tenant_logs_in_with_spid_through_the_test_provider(open_page, register, make_user,
                                                              test_providers, width):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0], email="mario@example.invalid")
    page = open_page("it", width=width)

    open_spid_menu(page)
    assert page.evaluate(OVERFLOW) <= 0
    save_screenshot(page, f"spid-menu-{width}")
    with page.expect_navigation():
        page.get_by_role("button", name=NAMES["spid"]).click()
    assert "/spid/test-idp/spid/sso/" in page.url
    row = page.locator("main li", has_text=FISCAL_CODES[0])
    # The test provider's answer goes back to CASA by itself (autosubmit.js), then home.
    row.get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{page.base_url}{reverse('portal:my_home')}")

    assert page.locator("form[data-casa-logout]").count() == 1
    tenant.refresh_from_db()
    assert tenant.last_login is not None
    assert page.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_login_page_with_the_spid_menu_open_has_no_axe_violations(open_page, db,
                                                                      test_providers, width):
    page = open_page("it", width=width, csp=False)

    open_spid_menu(page)

    assert_no_axe_violations(page)
    assert page.evaluate(OVERFLOW) <= 0


def test_the_not_recognised_page_has_no_axe_violations(open_page, register, test_providers):
    page = open_page("it", width=360, csp=False)
    open_spid_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=NAMES["spid"]).click()
    page.get_by_label("Codice fiscale").fill(FISCAL_CODES[3])  # nobody's in the register
    page.get_by_role("button", name="Conferma questa identità").click()
    page.wait_for_url("**/spid/acs/finish/**")

    assert page.locator("h1").inner_text() == "Non ti troviamo tra i nostri inquilini"
    assert_no_axe_violations(page)
    assert page.evaluate(OVERFLOW) <= 0
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_spid_tenant_confirms_with_spid_before_changing_the_email(open_page, register,
                                                                    test_providers, width):
    """Issue 13 (reauth): a tenant without a password opens the e-mail page, is asked to
    confirm with SPID or CIE (the page passes axe-core), does so at the test provider, and is
    back on the e-mail page."""
    page = open_page("it", width=width, csp=False)
    open_spid_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=NAMES["spid"]).click()
    page.get_by_label("Codice fiscale").fill(FISCAL_CODES[0])  # the first login: no account yet
    page.get_by_role("button", name="Conferma questa identità").click()
    page.wait_for_url(f"{page.base_url}{reverse('portal:my_home')}")

    page.goto(reverse("account_email"))
    assert "/accounts/reauthenticate/" in page.url
    assert page.locator("input[type=password]").count() == 0
    assert_no_axe_violations(page)
    assert page.evaluate(OVERFLOW) <= 0
    save_screenshot(page, f"spid-reauthenticate-{width}")
    page.get_by_role("button", name="Conferma con SPID o CIE").click()
    page.wait_for_url("**/spid/test-idp/**")
    page.locator("main li", has_text=FISCAL_CODES[0]).get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{page.base_url}{reverse('account_email')}")

    assert page.errors == []
