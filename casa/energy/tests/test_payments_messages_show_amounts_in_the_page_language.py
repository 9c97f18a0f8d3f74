"""The messages of the payment pages write amounts as the page does: in Italian, the run's
total is 1.000,00 € and a recovered overpayment 150,00 €, never 1000.00 or 150.00."""

import pytest
from django.urls import reverse

from casa.energy.models import Recovery

from .backoffice import login
from .payments_fixtures import TENANT_IBAN, approve, pay, recompute

pytestmark = pytest.mark.django_db
CODE = "energia-2025-26"
NBSP = "\N{NO-BREAK SPACE}"


def test_the_message_after_starting_a_run_gives_the_total_in_italian(client, register,
                                                                     make_user):
    officer = make_user("benefit_officer")
    approve(register["households"]["H001"], amount="600.00", officer=officer)
    approve(register["households"]["H002"], amount="400.00", officer=officer,
            iban=TENANT_IBAN)
    login(client, officer, language="it")

    response = client.post(reverse("energy:payment_run_new", kwargs={"code": CODE}),
                           follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"Lotto di pagamento 1 preparato: 2 pagamenti, 1.000,00{NBSP}€ in "
                     "totale. Scarica i file e consegnali; quando sono stati eseguiti, "
                     "registra la conferma."]
    assert "1000.00" not in response.content.decode()


def test_the_message_after_a_recovery_gives_the_amount_in_italian(client, register,
                                                                  make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H002"], amount="400.00", officer=officer,
                          iban=TENANT_IBAN)
    pay(application.call, officer=officer)
    recompute(application, amount="250.00", officer=officer)
    recovery = Recovery.objects.get(application=application)
    login(client, officer, language="it")

    response = client.post(reverse("energy:payment_recovery_recovered",
                                   kwargs={"code": CODE, "pk": recovery.pk}),
                           {"note": "Bonifico di restituzione del 03/12"}, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"150,00{NBSP}€ della domanda {application.protocol} registrati come "
                     "recuperati."]
