"""Issue 11 (i11cb): a tenant asks to be called back from their appointments page; the
Community Manager of their Spazio CASA finds the request in the list of tenants to call back,
records a call with no answer, then the call done with what was agreed; the tenant reads it in
the app. At 360 px and at 1280 px, with no axe-core violation on any page of the journey."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casa.appointments.models import CallbackRequest
from casa.hubs.tests.helpers import open_hub
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

ROME = ZoneInfo("Europe/Rome")
NOW = dt.datetime(2026, 12, 2, 9, 45, tzinfo=ROME)  # a Wednesday


@pytest.fixture
def people(register, make_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    hub = open_hub(register["hubs"]["san-siro"])
    return (make_user("tenant", fiscal_code=FISCAL_CODES[0]),
            make_user("community_manager", hubs=[hub]))


@pytest.mark.parametrize("width", [360, 1280])
def test_a_tenant_asks_to_be_called_back_and_reads_what_was_agreed(open_page, people, width):
    tenant, manager = people
    height = 740 if width == 360 else 900
    with time_machine.travel(NOW, tick=True):
        # The tenant asks, from their appointments page.
        page = open_page("it", width=width, height=height, csp=False)
        log_in(page, tenant.email)
        page.goto("/my/appointments/")
        with page.expect_navigation():
            page.get_by_role("link", name="Chiedi di essere richiamato").click()
        page.get_by_label("Di che cosa si tratta?").select_option("bills")
        page.get_by_label("Numero di telefono da chiamare").fill("333 123 4567")
        page.locator("label[for=id_best_time_1]").click()  # in the morning
        page.get_by_label("Nota").fill("Ho ricevuto un sollecito")
        assert_no_axe_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Chiedi di essere richiamato").click()
        assert "ti chiamerà al numero 3331234567" in page.inner_text(".casa-messages")
        assert "In attesa di una chiamata" in page.inner_text("main")
        assert_no_axe_violations(page)
        save_screenshot(page, f"callback-tenant-{width}")

        # The Community Manager: no answer first, then the call done.
        staff = open_page("en", width=width, height=height, csp=False)
        log_in(staff, manager.email)
        staff.goto("/staff/call-back/")
        waiting = staff.locator("#callbacks-waiting li", has_text="H001")
        assert "3331234567" in waiting.inner_text()
        assert_no_axe_violations(staff)
        with staff.expect_navigation():
            waiting.get_by_role("link").first.click()
        with staff.expect_navigation():
            staff.get_by_role("button", name="No answer").click()
        assert "stays open" in staff.inner_text(".casa-messages")
        assert staff.locator("#callback-attempts li").count() == 1
        assert_no_axe_violations(staff)
        staff.get_by_label("What was agreed").fill("Rateizzazione in 6 mesi: firma giovedì.")
        with staff.expect_navigation():
            staff.get_by_role("button", name="Mark as called back").click()
        assert "Marked as called back" in staff.inner_text(".casa-messages")
        assert "Nobody is waiting for a call." in staff.inner_text("main")
        assert_no_axe_violations(staff)
        save_screenshot(staff, f"callback-staff-{width}")

        # The tenant reads it done, with what was agreed.
        page.goto("/my/appointments/call-back/")
        closed = page.locator("#callbacks-closed li")
        assert "richiamato" in closed.inner_text()
        assert "Rateizzazione in 6 mesi" in closed.inner_text()
        assert "Nessuna richiesta in attesa." in page.inner_text("main")
        assert_no_axe_violations(page)
    callback = CallbackRequest.objects.get()
    assert (callback.status, callback.best_time, callback.attempts.count()) == (
        "done", "morning", 1)
