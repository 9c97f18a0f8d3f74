"""An appeal as the people involved click through it: an officer rejects an application with
reasons; the tenant sees the rejection and its reasons and asks for a review before the
deadline; another officer finds the open appeal in the queue and upholds it; the tenant sees
the application approved."""

from decimal import Decimal

import pytest
from django.utils import timezone

from casa.energy.appeals import appeal_file
from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_decide
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Appeal
from casa.energy.tests.backoffice import give
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser


def log_out(page):
    """End the session; the language picked in this browser (its cookie) stays."""
    language = [cookie for cookie in page.context.cookies()
                if cookie["name"] == "django_language"]
    page.context.clear_cookies()
    page.context.add_cookies(language)


def test_a_rejection_is_appealed_and_another_officer_approves_it(open_page, register,
                                                                  make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    call.four_eyes_above_eur = Decimal("1000.00")
    call.save(update_fields=["four_eyes_above_eur"])
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    officer = make_user("benefit_officer")
    other_officer = make_user("benefit_officer")
    application = application_submit(call=call, household=register["households"]["H001"],
                                     channel="online", declarations=DECLARATION_CODES,
                                     acting_user=tenant)
    page = open_page("en")

    # The officer rejects it, with reasons in words.
    log_in(page, officer.email)
    page.goto(f"/staff/energy/applications/{application.protocol}/")
    page.fill("#id_note", "The heating charge belongs to the previous tenant.")
    with page.expect_navigation():
        page.get_by_role("button", name="Reject").click()
    application.refresh_from_db()
    assert application.status == "rejected"
    log_out(page)

    # The tenant sees the rejection and its reasons, and asks for a review.
    log_in(page, tenant.email)
    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    assert page.get_by_role("heading", name="Why").is_visible()
    assert page.get_by_text("The heating charge belongs to the previous tenant.").is_visible()
    assert page.get_by_role("heading", name="Ask for a review").is_visible()
    page.fill("#id_reason", "We moved in in 2015: the charge is ours, see the bill.")
    save_screenshot(page, "energy-appeal-ask")
    with page.expect_navigation():
        page.get_by_role("button", name="Ask for a review").click()
    assert "We received your request for a review" in page.locator(".casa-messages").inner_text()
    assert page.locator("#appeal").get_by_text("is looking at it").is_visible()
    log_out(page)

    # Another officer finds the open appeal in the queue and upholds it.
    log_in(page, other_officer.email)
    page.goto("/staff/energy/review/?appeal=on")
    with page.expect_navigation():
        page.locator("#review-queue").get_by_role("link", name=application.protocol).click()
    assert "the charge is ours" in page.locator("#appeal").inner_text()
    page.fill("#id_appeal_note", "The bill confirms the charge.")
    save_screenshot(page, "energy-appeal-decide")
    with page.expect_navigation():
        page.get_by_role("button", name="Uphold the appeal").click()
    assert "Appeal upheld" in page.locator(".casa-messages").inner_text()
    assert Appeal.objects.get().upheld is True
    log_out(page)

    # The tenant sees the application approved.
    log_in(page, tenant.email)
    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    assert "450.00" in page.locator("#status-heading + p").inner_text()
    assert "We accepted your appeal" in page.locator("#appeal").inner_text()
    save_screenshot(page, "energy-appeal-approved")
    assert page.errors == []


def test_the_review_request_and_the_appeal_form_have_no_axe_violations(open_page, register,
                                                                        make_user):
    call = create_demo_call(today=timezone.localdate())
    give(register["households"]["H001"], isee="12000.50", charge="900.00",
         on=timezone.localdate())
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    application = application_submit(call=call, household=register["households"]["H001"],
                                     channel="online", declarations=DECLARATION_CODES,
                                     acting_user=tenant)
    application_decide(application=application, approve=False, note="No bill.",
                       acting_user=make_user("benefit_officer"))
    page = open_page("it", csp=False)
    log_in(page, tenant.email)
    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    assert page.locator("#id_reason").is_visible()
    assert_no_axe_violations(page)

    appeal_file(application=application, reason="The bill is mine.", acting_user=tenant)
    log_out(page)
    log_in(page, make_user("benefit_officer").email)
    page.goto(f"/staff/energy/applications/{application.protocol}/")
    assert page.locator("#id_appeal_note").is_visible()
    assert_no_axe_violations(page)
