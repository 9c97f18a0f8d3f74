"""A tenant follows the invitation link to the call page, applies, sees the protocol number and
downloads the PDF receipt."""

import pytest
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from casa.energy.tests.backoffice import give
from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser


def accept_every_declaration(page):
    # Bootstrap Italia draws the checkbox on its label: a person clicks the label.
    for label in page.locator("label[for^=id_declarations_]").all():
        label.click()
    assert page.locator("input[name=declarations]:checked").count() == 3


def test_a_tenant_applies_from_the_invitation_and_downloads_the_receipt(open_page, register,
                                                                        make_user, tmp_path):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("en")

    # The invitation's link: the login page first, then back to the call.
    page.goto(f"/energy/{DEMO_CALL_CODE}/")
    page.fill("#id_login", tenant.email)
    page.fill("#id_password", "test-pass-123")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(f"/energy/{DEMO_CALL_CODE}/")

    with page.expect_navigation():
        page.get_by_role("link", name="Apply now").click()
    assert page.get_by_text("What we already know").is_visible()
    save_screenshot(page, "energy-apply-form")
    accept_every_declaration(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue: check the amount").click()
    assert "450.00" in page.locator("#expected-heading + .alert").inner_text()
    save_screenshot(page, "energy-apply-check")

    with page.expect_navigation():
        page.get_by_role("button", name="Submit the application").click()

    application = Application.objects.get()
    assert page.locator("#protocol").inner_text() == application.protocol
    assert application.protocol in page.locator(".casa-messages").inner_text()
    save_screenshot(page, "energy-apply-submitted")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt (PDF)").click()
    saved = tmp_path / "receipt.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert page.errors == []


def test_the_apply_form_and_the_check_page_have_no_axe_violations(open_page, register,
                                                                   make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H002"], isee="10000.00", charge="800.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])  # autonomous heating: IBAN
    page = open_page("it", csp=False)
    log_in(page, tenant.email)

    page.goto(f"/energy/{DEMO_CALL_CODE}/apply/")
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.click("button[value=check]")  # nothing filled in: the errors are shown
    assert page.locator("#form-errors").is_visible()
    assert_no_axe_violations(page)

    page.fill("#id_iban", "IT60 X054 2811 1010 0000 0123 456")
    page.select_option("#id_iban_holder", FISCAL_CODES[1])
    accept_every_declaration(page)
    with page.expect_navigation():
        page.click("button[value=check]")
    assert page.locator("#expected-heading").is_visible()
    assert_no_axe_violations(page)


HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_tenant_answers_a_request_with_a_photo_on_a_phone(open_page, register, make_user,
                                                            tmp_path):
    from casa.energy.models import Attachment
    from casa.energy.tests.answer_helpers import asked, photo_bytes

    application, tenant, officer = asked(register, make_user, message="Send your payslip.")
    picture = tmp_path / "payslip.jpg"
    picture.write_bytes(photo_bytes())
    page = open_page("it", width=360, height=740, csp=False)
    log_in(page, tenant.email)

    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    assert page.get_by_text("Send your payslip.").is_visible()
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert_no_axe_violations(page)
    page.get_by_label("Il tuo messaggio").fill("Ecco la busta paga di ottobre.")
    page.set_input_files("#id_attachments", str(picture))
    save_screenshot(page, "energy-answer-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Invia le informazioni").click()

    assert "Abbiamo ricevuto la tua risposta" in page.locator(".casa-messages").inner_text()
    assert Attachment.objects.get().original_name == "payslip.jpg"
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert_no_axe_violations(page)
    assert page.errors == []


def test_a_wrong_password_on_the_bank_account_form_is_shown_accessibly(open_page, register,
                                                                      make_user):
    from casa.energy.tests.answer_helpers import asked

    application, tenant, officer = asked(register, make_user, code="H002", tenant_code=1)
    page = open_page("it", width=360, height=740, csp=False)
    log_in(page, tenant.email)

    page.goto(f"/energy/{DEMO_CALL_CODE}/application/")
    page.get_by_text("Cambia il conto").first.click()
    page.fill("#id_bank-iban", "IT42L1234512345123456789012")
    page.select_option("#id_bank-iban_holder", FISCAL_CODES[1])
    page.fill("#id_bank-password", "sbagliata")
    with page.expect_navigation():
        page.locator("#bank form button[type=submit]").click()

    assert page.locator("#bank-errors").is_visible()
    assert page.evaluate("document.activeElement.id") == "bank-errors"  # the summary, focused
    assert "Questa non è la tua password" in page.locator("#bank-errors").inner_text()
    assert page.locator("#id_bank-password-error").is_visible()
    assert page.locator("#id_bank-password").get_attribute("aria-invalid") == "true"
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert_no_axe_violations(page)
    application.refresh_from_db()
    assert application.iban == "IT60X0542811101000000123456"
