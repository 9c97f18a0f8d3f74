"""At the desk the check page prints the form to sign (in Italian: the declarations as read, the
identity document, the applicant's and the staff member's names, date and signature lines);
the submission needs the box saying the declarations were read and the form signed. Once
submitted, the form prints again from the household's energy page and from the application's
page in the review, only for staff who may see the application, and each print is audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.applying import DECLARATION_CODES
from casa.energy.assisted_form import application_context, form_html
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application

from .backoffice import give, login
from .pdf_text import pdf_text

FORM = {"declarations": DECLARATION_CODES, "identity_document": "identity_card",
        "identity_document_number": "ca 12345 ab"}


@pytest.fixture
def desk(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    login(client, manager)
    return manager, reverse("energy:assisted_apply", args=[DEMO_CALL_CODE, "H001"])


def test_the_check_page_prints_the_form_to_sign_before_submitting(client, desk):
    manager, url = desk

    check = client.post(url, {"action": "check", **FORM}).content.decode()
    assert "Print the form to sign (PDF)" in check
    assert 'name="declarations_read_and_signed"' in check
    assert 'type="hidden" name="declarations_read_and_signed"' not in check

    printed = client.post(url, {"action": "print_form", **FORM})

    assert printed["Content-Type"] == "application/pdf"
    assert printed["Content-Disposition"] == 'attachment; filename="domanda-assistita-H001.pdf"'
    text = pdf_text(printed.content)
    assert "CA12345AB" in text
    assert "Carta d'identità" in text or "carta d'identità" in text
    assert "Mario Rossi" in text and "Test Community Manager" in text
    assert "Firma del richiedente" in text
    assert not Application.objects.exists()
    assert AuditEvent.objects.filter(actor=manager, action="view",
                                     note=f"form to sign {DEMO_CALL_CODE}").exists()


def test_the_submission_needs_the_box_on_the_check_page(client, desk):
    manager, url = desk

    refused = client.post(url, {"action": "submit", **FORM}).content.decode()

    assert "Check your application" in refused  # back on the check page, with the box
    assert "have them sign the printed form before submitting" in refused
    assert 'aria-invalid="true"' in refused
    assert not Application.objects.exists()

    client.post(url, {"action": "submit", "declarations_read_and_signed": "on", **FORM})
    application = Application.objects.get()
    assert application.declarations_read_and_signed
    assert application.identity_document_number == "CA12345AB"


def test_the_filed_form_prints_in_scope_only_and_is_audited(client, desk, register, make_user):
    manager, url = desk
    client.post(url, {"action": "submit", "declarations_read_and_signed": "on", **FORM})
    application = Application.objects.get()
    form_url = reverse("energy:assisted_form", args=[application.protocol])
    household_page = client.get(reverse("energy:household_energy", args=["H001"]))
    assert form_url in household_page.content.decode()

    printed = client.get(form_url)

    assert printed["Content-Type"] == "application/pdf"
    text = pdf_text(printed.content)
    assert "CA12345AB" in text and application.protocol in text
    event = AuditEvent.objects.get(actor=manager, action="view", note="signed form")
    assert event.target_id == application.protocol
    login(client, make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))
    assert client.get(form_url).status_code == 404
    login(client, make_user("tenant", fiscal_code="RSSMRA80A01F205X"))
    assert client.get(form_url).status_code == 403


@pytest.mark.parametrize("role", ["benefit_officer", "approver"])
def test_the_application_page_of_the_review_links_the_signed_form(client, desk, make_user,
                                                                  role):
    manager, url = desk
    client.post(url, {"action": "submit", "declarations_read_and_signed": "on", **FORM})
    application = Application.objects.get()
    form_url = reverse("energy:assisted_form", args=[application.protocol])
    reader = make_user(role)
    login(client, reader)

    page = client.get(reverse("energy:review_application", args=[application.protocol]))

    assert f'<a href="{form_url}" id="signed-form-link" download>' in page.content.decode()
    printed = client.get(form_url)
    assert printed.status_code == 200 and printed["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(actor=reader, note="signed form").exists()


def test_an_online_application_has_no_form_to_sign(client, register, make_user):
    from casa.energy.applying import application_submit

    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    application = application_submit(call=call, household=register["households"]["H001"],
                                     channel="online", declarations=DECLARATION_CODES,
                                     acting_user=tenant)
    login(client, make_user("benefit_officer"))

    response = client.get(reverse("energy:assisted_form", args=[application.protocol]))

    assert response.status_code == 404
    page = client.get(reverse("energy:review_application", args=[application.protocol]))
    assert page.status_code == 200
    assert 'id="signed-form-link"' not in page.content.decode()


def test_the_form_is_in_italian_with_every_declaration(client, desk):
    manager, url = desk
    client.post(url, {"action": "submit", "declarations_read_and_signed": "on", **FORM})

    html = form_html(application_context, Application.objects.get())

    assert "Domanda" in html and "Firma dell" in html
    assert "DPR 445/2000" in html
    assert html.count("<li>") == len(DECLARATION_CODES)
