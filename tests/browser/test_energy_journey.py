"""The whole journey of an application, as the people involved click through it: the tenant
applies from the invitation and downloads the receipt; a benefit officer approves an amount
above the call's four-eyes threshold; an approver confirms it; the payment run pays it as a
bill credit, and the tenant sees it paid only once the run's file is downloaded (handed over to
the billing system) and its execution confirmed; then the tenant downloads the decision
letter."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from casa.energy.tests.backoffice import give
from conftest import FISCAL_CODES

from .conftest import log_in, save_screenshot
from .test_energy_apply import accept_every_declaration

pytestmark = pytest.mark.browser


def log_out(page):
    """End the session; the language picked in this browser (its cookie) stays."""
    language = [cookie for cookie in page.context.cookies()
                if cookie["name"] == "django_language"]
    page.context.clear_cookies()
    page.context.add_cookies(language)


def test_an_application_goes_from_the_invitation_to_a_paid_bill_credit(open_page, register,
                                                                       make_user, tmp_path):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    call.four_eyes_above_eur = Decimal("300.00")
    call.save(update_fields=["four_eyes_above_eur"])
    # San Siro, central heating: 50% of 1,500.00 capped at 600.00, paid on the bill.
    give(register["households"]["H001"], isee="12000.50", charge="1500.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    officer = make_user("benefit_officer")
    approver = make_user("approver")
    manager = make_user("programme_manager")
    page = open_page("en")

    # The tenant follows the invitation's link, logs in, applies.
    page.goto(f"/energy/{DEMO_CALL_CODE}/")
    page.fill("#id_login", tenant.email)
    page.fill("#id_password", "test-pass-123")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(f"/energy/{DEMO_CALL_CODE}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Apply now").click()
    accept_every_declaration(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue: check the amount").click()
    assert "600.00" in page.locator("#expected-heading + .alert").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the application").click()
    application = Application.objects.get()
    assert page.locator("#protocol").inner_text() == application.protocol
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt (PDF)").click()
    receipt = tmp_path / "receipt.pdf"
    download_info.value.save_as(receipt)
    assert receipt.read_bytes().startswith(b"%PDF")
    log_out(page)

    # The benefit officer finds it in the review queue and approves it.
    log_in(page, officer.email)
    with page.expect_navigation():
        page.get_by_role("link", name="Energy contribution").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name=DEMO_CALL_CODE).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Applications", exact=True).click()
    with page.expect_navigation():
        page.locator("#review-queue").get_by_role("link", name=application.protocol).click()
    save_screenshot(page, "energy-journey-review")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve").click()
    application.refresh_from_db()
    assert application.status == "awaiting_confirmation"
    assert page.locator("#application-status").inner_text() == "approved, awaiting confirmation"
    log_out(page)

    # Another person, an approver, confirms it.
    log_in(page, approver.email)
    page.goto(f"/staff/energy/applications/{application.protocol}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm the approval of").click()
    application.refresh_from_db()
    assert application.status == "approved"
    assert page.locator("#application-status").inner_text() == "approved"
    log_out(page)

    # The programme manager prepares the payment run: nothing is paid yet.
    log_in(page, manager.email)
    page.goto(f"/staff/energy/calls/{DEMO_CALL_CODE}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Payments", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Start a payment run").click()
    save_screenshot(page, "energy-journey-payment-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Prepare the payment run").click()
    assert "files never handed over" in page.locator("#run-state").inner_text()
    application.refresh_from_db()
    assert application.status == "approved"
    # Downloading the bill credits hands the files over to the billing system.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the bill credits (CSV)").click()
    saved = tmp_path / "bill-credits.csv"
    download_info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows == [{"household": "H001", "unit": "U-H001", "season": "2025-26",
                     "amount": "600.00", "protocol": application.protocol}]
    page.reload()
    assert "awaiting confirmation" in page.locator("#run-state").inner_text()
    application.refresh_from_db()
    assert application.status == "approved"
    # The billing system executed the credits: the manager records it.
    page.fill("#id_executed_on", today.isoformat())
    page.fill("#id_reference", "FATT-2026-0042")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the confirmation").click()
    assert "confirmed" in page.locator("#run-state").inner_text()
    save_screenshot(page, "energy-journey-payment-confirmed")
    application.refresh_from_db()
    assert application.status == "paid"
    log_out(page)

    # The tenant goes from their home to the call, sees it paid, downloads the decision letter.
    log_in(page, tenant.email)
    assert page.url.endswith("/my/home/")
    with page.expect_navigation():
        page.locator(f"#energy-call-{DEMO_CALL_CODE}").get_by_role("link", name=call.title,
                                                                  exact=True).click()
    assert page.url.endswith(f"/energy/{DEMO_CALL_CODE}/")
    with page.expect_navigation():
        page.get_by_role("link", name=f"See your application ({application.protocol})").click()
    status = page.get_by_role("status").inner_text()
    assert "paid" in status.lower()
    assert "600.00" in status
    save_screenshot(page, "energy-journey-paid")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the decision letter").first.click()
    letter = tmp_path / "letter.pdf"
    download_info.value.save_as(letter)
    assert letter.read_bytes().startswith(b"%PDF")
    assert page.errors == []
