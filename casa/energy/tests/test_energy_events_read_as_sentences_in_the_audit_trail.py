"""The energy contribution's events read as sentences in the auditor's language: no internal
keys ("committed_eur", "share@2025-11-01"), amounts as 1.234,56 €, statuses and reasons in
words."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.energy.services import call_parameter_set

from .backoffice import login
from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = pytest.mark.django_db

INTERNAL_KEYS = ("committed_eur", "ledger_eur", "approved_amount_eur", "share@",
                 "on_behalf_of", "increase awaiting confirmation", "_eur")


def trail(client, **query):
    login(client, user("auditor"), language="it")
    return client.get(reverse("core:audit_trail"), query).content.decode()


def test_an_approval_reads_as_a_sentence_with_amounts_in_italian(client):
    app = approve_final(submit(demo_call(), household(charge="300.00"), by=user("tenant")),
                        officer=user("benefit_officer"))

    page = trail(client, record=app.protocol)

    assert f"domanda {app.protocol}" in page
    assert "impegnato nell&#x27;avviso" in page or "impegnato nell'avviso" in page
    assert "150,00\N{NO-BREAK SPACE}€" in page
    assert "presentata → approvata" in page
    for key in INTERNAL_KEYS:
        assert key not in page, key


def test_a_dated_parameter_change_names_the_parameter_and_its_date(client):
    call = demo_call()
    call_parameter_set(call=call, name="share", value="0.6", valid_from=dt.date(2099, 1, 1),
                       legal_reference="DGR 1/2099", acting_user="test")

    page = trail(client, record=call.code)

    assert "quota delle spese di riscaldamento (%) dal 01/01/2099: 60" in page
    assert "60\N{NO-BREAK SPACE}%" in page
    assert "share@" not in page
