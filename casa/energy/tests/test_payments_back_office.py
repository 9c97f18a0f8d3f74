"""Staff start a payment run from the back office after a confirmation, see the call's runs and
a run's lines with their decisions and account holders, and download the files; auditors read
but cannot pay."""

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.models import PaymentRun

from .backoffice import login
from .payments_fixtures import TENANT_IBAN, approve

pytestmark = pytest.mark.django_db
CODE = "energia-2025-26"


@pytest.fixture
def approved(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    approve(households["H001"], amount="600.00", officer=officer)
    approve(households["H002"], amount="400.00", officer=officer, iban=TENANT_IBAN)
    return officer


def test_the_confirmation_shows_how_many_applications_and_euros_before_paying(client,
                                                                             approved):
    login(client, approved)
    page = client.get(reverse("energy:payment_run_new", kwargs={"code": CODE}))

    assert page.status_code == 200
    text = page.content.decode()
    assert "2 applications will be paid, 1,000.00\N{NO-BREAK SPACE}€ in total." in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert not PaymentRun.objects.exists()


def test_starting_a_run_prepares_it_and_shows_its_lines_with_their_decisions(client,
                                                                           approved):
    login(client, approved)
    response = client.post(reverse("energy:payment_run_new", kwargs={"code": CODE}),
                           follow=True)

    run = PaymentRun.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "energy:payment_run", kwargs={"code": CODE, "number": 1})
    text = response.content.decode()
    assert "Payment run 1 prepared: 2 payments, 1,000.00\N{NO-BREAK SPACE}€ in total." in text
    assert run.state == "prepared"
    for line in run.lines.all():
        assert line.protocol in text
        assert reverse("energy:decision_letter", kwargs={"pk": line.decision_id}) in text
    assert "IBAN ending in 9012" in text
    assert "IT42 \N{BULLET}\N{BULLET}\N{BULLET}\N{BULLET} 9012" in text
    assert TENANT_IBAN not in text
    transfer = run.lines.get(method="transfer")
    assert transfer.creditor_name == "Mario Bianchi" and transfer.creditor_fiscal_code
    assert (f"Account holder: {transfer.creditor_name} ({transfer.creditor_fiscal_code})"
            in text)
    assert AuditEvent.objects.filter(target_type="energy.paymentrun", action="view").exists()


def test_a_second_run_from_the_back_office_says_there_is_nothing_to_pay(client, approved):
    login(client, approved)
    url = reverse("energy:payment_run_new", kwargs={"code": CODE})
    client.post(url)

    response = client.post(url, follow=True)

    assert "Nothing to pay" in response.content.decode()
    assert PaymentRun.objects.count() == 1


def test_the_runs_page_lists_each_run_with_its_files(client, approved):
    login(client, approved)
    client.post(reverse("energy:payment_run_new", kwargs={"code": CODE}))

    text = client.get(reverse("energy:payment_runs", kwargs={"code": CODE})).content.decode()

    assert "Run 1" in text and "1,000.00\N{NO-BREAK SPACE}€" in text
    csv_url = reverse("energy:payment_run_csv", kwargs={"code": CODE, "number": 1})
    sepa_url = reverse("energy:payment_run_sepa", kwargs={"code": CODE, "number": 1})
    assert csv_url in text and sepa_url in text
    assert "Nothing to pay now" in text
    csv_response = client.get(csv_url)
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode().startswith("household,unit,season,amount,protocol\n")
    assert b"<CstmrCdtTrfInitn>" in client.get(sepa_url).content


def test_an_auditor_reads_the_runs_but_cannot_start_one(client, approved, make_user):
    login(client, approved)
    client.post(reverse("energy:payment_run_new", kwargs={"code": CODE}))
    login(client, make_user("auditor"))

    runs = client.get(reverse("energy:payment_runs", kwargs={"code": CODE}))
    assert runs.status_code == 200
    assert "Start a payment run" not in runs.content.decode()
    assert client.get(reverse("energy:payment_run",
                              kwargs={"code": CODE, "number": 1})).status_code == 200
    assert client.post(reverse("energy:payment_run_new",
                               kwargs={"code": CODE})).status_code == 403
