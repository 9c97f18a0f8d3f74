"""A tenant applies from the call page: the form shows what CASA knows, the check page the
expected amount and why, and the submission gives a protocol number and a PDF receipt."""

import contextlib
import re
import zlib

from django.urls import reverse
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application, ApplicationStatus, Channel
from casa.registry.models import Household
from conftest import FISCAL_CODES

from .backoffice import give, login

DECLARATIONS = ["truthful", "no_other_aid", "privacy"]


def pdf_text(pdf: bytes) -> bytes:
    """The PDF's streams inflated: enough to find its metadata (the title has the protocol)."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(stream))
    return b"".join(chunks)


def test_a_tenant_applies_and_gets_a_protocol_number_and_a_pdf_receipt(client, register,
                                                                        make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    call_page = client.get(reverse("energy:tenant_call", args=[DEMO_CALL_CODE]))
    assert "Apply now" in call_page.content.decode()

    form = client.get(reverse("energy:apply", args=[DEMO_CALL_CODE]))
    html = form.content.decode()
    assert "What we already know" in html
    assert "12,000.50\N{NO-BREAK SPACE}€ (ordinary (ordinario), protocol INPS-ISEE-" in html
    assert "900.00\N{NO-BREAK SPACE}€ (estimate (preventivo))" in html
    assert 'name="iban"' not in html  # central heating: a credit on the bill

    check = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]),
                        {"declarations": DECLARATIONS, "action": "check"})
    html = check.content.decode()
    assert "You have not sent anything yet." in html
    assert "the expected amount is <strong>450.00\N{NO-BREAK SPACE}€</strong>" in html
    assert "The contribution is 50\N{NO-BREAK SPACE}% of 900.00" in html
    assert Application.objects.count() == 0

    submitted = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]),
                            {"declarations": DECLARATIONS, "action": "submit"}, follow=True)

    application = Application.objects.get()
    assert re.fullmatch(r"CE-2025-26-\d{6}", application.protocol)
    assert application.channel == Channel.ONLINE
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.expected_amount_eur == 450
    assert application.call == call
    html = submitted.content.decode()
    assert f"Its protocol number is {application.protocol}." in html
    assert "Download the receipt (PDF)" in html
    assert "We received your application." in html

    receipt = client.get(reverse("energy:my_receipt", args=[DEMO_CALL_CODE]))
    assert receipt["Content-Type"] == "application/pdf"
    pdf = receipt.content
    assert pdf.startswith(b"%PDF")
    assert application.protocol.encode() in pdf_text(pdf)

    # The call page now leads to the application instead of the form.
    call_page = client.get(reverse("energy:tenant_call", args=[DEMO_CALL_CODE]))
    assert f"See your application ({application.protocol})" in call_page.content.decode()
    assert client.get(reverse("energy:apply", args=[DEMO_CALL_CODE])).url == reverse(
        "energy:my_application", args=[DEMO_CALL_CODE])


def test_the_application_is_audited_with_who_submitted_it(client, register, make_user):
    from casa.core.models import AuditEvent

    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    login(client, tenant)

    client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]),
                {"declarations": DECLARATIONS, "action": "submit"})

    application = Application.objects.get()
    event = AuditEvent.objects.get(target_type="energy.application")
    assert event.actor == tenant
    assert event.target_id == application.protocol
    assert event.subject == Household.objects.get(code="H001").audit_subject
