"""The decision letter: an Italian PDF with the call's legal references, generated once and
stored with the decision, served to the tenant of the household only and to staff in scope."""

import pytest
from django.urls import reverse
from django.utils import translation

from casa.core.models import AuditEvent
from casa.energy.decisions import application_decide
from casa.energy.demo import LEGAL_REFERENCE
from casa.energy.letters import decision_letter, letter_context, letter_html, render_letter
from casa.energy.models import Decision
from conftest import FISCAL_CODES

from .backoffice import give, login
from .fixtures import demo_call, desk, submit
from .payments_fixtures import approve, reject
from .pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(register, make_user):
    application = approve(register["households"]["H001"], amount="480.00",
                          officer=make_user("benefit_officer"))
    return application.decisions.get()


def test_the_letter_is_a_pdf_stored_with_the_decision_and_served_again(decision):
    pdf = decision_letter(decision)

    assert pdf.startswith(b"%PDF")
    decision.refresh_from_db()
    assert decision.letter.name == (f"energy/letters/{decision.application.protocol}-decision-"
                                    f"{decision.pk}.pdf")
    assert decision_letter(decision) == pdf
    assert Decision.objects.filter(pk=decision.pk).exclude(letter="").count() == 1


def test_the_letter_quotes_the_legal_references_outcome_amount_reasons_and_appeal(decision,
                                                                                 english):
    with translation.override("it"):  # as render_letter builds it: the letter is Italian
        context = letter_context(decision)

    assert context["references"] == [LEGAL_REFERENCE]
    assert context["approved"] and context["head"].last_name == "Rossi"
    assert (context["appeal_until"] - context["decided_on"]).days == 30
    assert any("480,00\N{NO-BREAK SPACE}€" in s.text for s in context["sentences"])
    assert render_letter(decision).startswith(b"%PDF")


def test_the_letter_is_in_italian_whatever_the_active_language(decision, english):
    html = letter_html(decision)

    assert '<html lang="it">' in html
    assert "Il contributo è il 50" in html  # the rule's explanation, in Italian
    assert "480,00\N{NO-BREAK SPACE}€" in html
    assert LEGAL_REFERENCE in html
    assert decision.application.protocol in html and "Rossi" in html


def test_a_rejection_letter_names_the_reasons(register, make_user):
    rejected = reject(register["households"]["H003"], officer=make_user("benefit_officer"))

    context = letter_context(rejected)

    assert context["rejected"] and context["reason_labels"]
    assert decision_letter(rejected).startswith(b"%PDF")


def test_a_rejection_letter_starts_with_each_reason_named_then_the_conditions_met(
        register, make_user):
    rejected = reject(register["households"]["H003"], officer=make_user("benefit_officer"))

    html = letter_html(rejected)
    text = pdf_text(decision_letter(rejected))

    assert html.index('id="rejection-reasons"') < html.index('id="conditions-met"')
    why = text.index("Perché è stata respinta")
    band = text.index("Fascia non ammessa dall'avviso")  # the reason's label, in Italian
    met = text.index("Le altre condizioni sono soddisfatte:")
    assert why < band < met
    assert "Il tuo nucleo è in fascia permanenza" in text[band:met]
    assert "durata della locazione" in text[met:]


def test_the_tenant_downloads_the_letter_of_their_own_household(client, decision, make_user):
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.get(reverse("energy:decision_letter", kwargs={"pk": decision.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_tenant_of_another_household_gets_not_found(client, decision, make_user):
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[1]))

    response = client.get(reverse("energy:decision_letter", kwargs={"pk": decision.pk}))

    assert response.status_code == 404


def test_staff_in_scope_download_it_and_the_read_is_audited(client, decision, make_user,
                                                            register):
    hubs = register["hubs"]
    url = reverse("energy:decision_letter", kwargs={"pk": decision.pk})
    login(client, make_user("community_manager", hubs=[hubs["lorenteggio"]]))
    assert client.get(url).status_code == 404  # H001 is in San Siro
    officer = make_user("benefit_officer")
    login(client, officer)

    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(actor=officer, action="view",
                                     target_id=decision.application.protocol).exists()


def test_an_approval_waiting_for_its_second_confirmation_has_no_letter_yet(client, register,
                                                                           make_user):
    application = submit(demo_call(), register["households"]["H001"], by=desk(),
                         channel="assisted")
    give(register["households"]["H001"], isee="12000.00", charge="1000.00")
    pending = application_decide(application=application, approve=True,
                                 acting_user=make_user("benefit_officer"))
    assert pending.state == "pending"
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.get(reverse("energy:decision_letter", kwargs={"pk": pending.pk}))

    assert response.status_code == 404
