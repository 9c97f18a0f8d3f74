"""Receipts and decision letters keep the Italian text, the binding one, whatever the page's
language; a household that reads another language gets a summary page in it, in the same PDF,
set in a vendored font for its script (issue 12)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from casa.energy.demo import DEMO_CALL_CODE
from casa.energy.letters import letter_context, letter_html, render_letter
from casa.energy.views.apply import receipt_context
from conftest import FISCAL_CODES

from .backoffice import give, login
from .fixtures import ON, demo_call, submit
from .payments_fixtures import approve
from .pdf_text import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def in_language(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def receipt(client, register, make_user, language, page_language="en"):
    """(the PDF a tenant downloads, with their page in `page_language`; the receipt's HTML as
    that PDF lays it out)."""
    household = register["households"]["H001"]
    household.language = language
    household.save()
    call = demo_call()
    give(household, isee="12000.50", charge="900.00", on=ON)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    application = submit(call, household, by=tenant)
    login(client, tenant, language=page_language)
    response = client.get(reverse("energy:my_receipt", args=[DEMO_CALL_CODE]))
    assert response["Content-Type"] == "application/pdf"
    with translation.override("it"):
        html = render_to_string("energy/pdf/receipt.html", receipt_context(application))
    return response.content, html


def test_an_arabic_households_receipt_is_italian_then_an_arabic_summary(client, register,
                                                                        make_user):
    pdf, html = receipt(client, register, make_user, "ar")

    # The receipt itself in Italian, although the page asking for it was in English...
    italian, summary = html.split('<section class="summary" lang="ar" dir="rtl">')
    assert in_language("it", "Receipt of your application for the energy contribution") in italian
    assert "Receipt of your application" not in html
    # ...then the summary, in Arabic: the amount and the protocol kept left to right.
    assert in_language("ar", "Summary in your language") in summary
    assert ARABIC.search(in_language("ar", "Summary in your language"))
    assert "\u2066450,00\N{NO-BREAK SPACE}€\u2069" in summary
    assert in_language("ar", "This is not a decision yet. Aler Milano checks your application "
                             "and writes to you with the decision.") in summary
    # The PDF embeds the vendored Noto Sans Arabic for it, beside the documents' Titillium.
    assert {"Noto-Sans-Arabic", "Titillium-Web"} <= pdf_fonts(pdf)


def test_a_chinese_households_summary_is_set_in_noto_sans_sc(client, register, make_user):
    pdf, html = receipt(client, register, make_user, "zh-hans")

    assert "Noto-Sans-SC" in pdf_fonts(pdf)
    assert in_language("zh-hans", "Keep this number.") in html


@pytest.mark.parametrize("language", ["it", "uk"])
def test_an_italian_household_or_a_language_casa_does_not_speak_gets_no_summary(
        client, register, make_user, language):
    pdf, html = receipt(client, register, make_user, language)

    assert 'class="summary"' not in html
    assert not any(font.startswith("Noto") for font in pdf_fonts(pdf))  # none for nothing
    # The PDF served to a page in English is the Italian receipt (one font family: its text
    # reads back whole).
    text = pdf_text(pdf)
    assert in_language("it", "Receipt of your application for the energy contribution") in text
    assert "Receipt of your application" not in text


def test_a_spanish_households_decision_letter_ends_with_the_decision_in_spanish(register,
                                                                               make_user):
    household = register["households"]["H001"]
    household.language = "es"
    household.save()
    decision = approve(household, amount="480.00",
                       officer=make_user("benefit_officer")).decisions.get()

    html = letter_html(decision)
    with translation.override("it"):
        assert letter_context(decision)["summary_language"] == "es"
    summary = html[html.index('<section class="summary" lang="es" dir="ltr">'):]
    assert in_language("es", "Summary in your language") in summary
    assert (in_language("es", "Your application is approved. You receive %(amount)s.")
            % {"amount": "480,00\N{NO-BREAK SPACE}€"}) in summary
    assert in_language("es", "You do not need to do anything.") in summary
    # The Italian letter before it is untouched.
    assert '<html lang="it">' in html
    assert "480,00\N{NO-BREAK SPACE}€" in html[:html.index('<section class="summary"')]
    assert render_letter(decision).startswith(b"%PDF")
