"""Names and descriptions in the SEPA file are written in the SEPA character set (other scripts
romanised). A transfer whose account holder's name has no letters left, or whose IBAN is not
valid, is held back with a clear reason: never the whole run, never the bill credits, never a
500."""

import os

import pytest
import sepaxml
import xmlschema
from django.urls import reverse

from casa.energy.models import Application, ApplicationStatus
from casa.energy.payments import SEPA_CHARACTERS, SEPA_SCHEMA, payment_run, sepa_text
from casa.registry.models import Member

from .backoffice import login
from .fixtures import household
from .payments_fixtures import approve, pay

pytestmark = pytest.mark.django_db
SCHEMA = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", f"{SEPA_SCHEMA}.xsd")
CODE = "energia-2025-26"


@pytest.mark.parametrize("name, written", [
    ("Nicolò D'Aquì-Foà", "Nicolo D'Aqui-Foa"),
    ("Ma\x07rio\tRossi\n", "Mario Rossi"),
    ("Giulia 😀 Bianchi", "Giulia Bianchi"),
    ("Straße & Søn", "Strasse + Son"),
    ("محمد علي", "mhmd 'ly"),
    ("王 伟", "Wang Wei"),
    ("Ana Łukasz Ðorđević", "Ana Lukasz Dordevic"),
    ("😀 \x00 ☃", ""),
])
def test_text_is_written_in_the_sepa_character_set(name, written):
    assert sepa_text(name) == written
    assert set(sepa_text(name)) <= SEPA_CHARACTERS


def test_long_names_are_cut_to_what_the_file_holds():
    assert len(sepa_text("A" * 200)) == 70


def transfer_household(first_name, last_name):
    found = household(heating="autonomous")
    Member.objects.filter(household=found).update(first_name=first_name, last_name=last_name)
    return found


@pytest.fixture
def mixed(make_user):
    officer = make_user("benefit_officer")
    people = {
        "control": transfer_household("Ma\x07ria", "Rossi"),
        "accented": transfer_household("Nicolò", "Foà"),
        "emoji": transfer_household("Giulia 😀", "Bianchi"),
        "arabic": transfer_household("محمد", "علي"),
        "chinese": transfer_household("伟", "王"),
        "no letters": transfer_household("😀", "☃ \x07"),  # PostgreSQL stores no NUL
        "credit": household(),
    }
    applications = {key: approve(found, amount="200.00", officer=officer)
                    for key, found in people.items()}
    return {"officer": officer, "applications": applications}


def test_names_are_transliterated_and_a_name_with_no_letters_holds_back_only_that_transfer(
        mixed):
    applications = mixed["applications"]

    run = payment_run(call=applications["credit"].call, acting_user=mixed["officer"])

    held = {item["protocol"]: item["reason"] for item in run.held_back}
    assert held == {applications["no letters"].protocol: "name_empty"}
    assert set(run.lines.values_list("protocol", flat=True)) == {
        application.protocol for key, application in applications.items()
        if key != "no letters"}
    xmlschema.XMLSchema(SCHEMA).validate(run.sepa_xml)
    for written in ("Maria Rossi", "Nicolo Foa", "Giulia Bianchi", "mhmd 'ly", "Wei Wang"):
        assert f"<Nm>{written}</Nm>" in run.sepa_xml
    assert applications["credit"].protocol in run.bill_credit_csv
    # The line keeps the name as recorded; only the file is transliterated.
    line = run.lines.get(protocol=applications["arabic"].protocol)
    assert line.creditor_name == "محمد علي"


def test_held_back_transfers_are_shown_with_why_and_paid_once_fixed(client, mixed):
    applications = mixed["applications"]
    officer = mixed["officer"]
    pay(applications["credit"].call, officer=officer)
    login(client, officer)

    text = client.get(reverse("energy:payment_run",
                              kwargs={"code": CODE, "number": 1})).content.decode()
    assert 'id="held-back"' in text
    assert applications["no letters"].protocol in text
    assert "has no letters once written in the SEPA character set" in text
    listing = client.get(reverse("energy:payment_runs", kwargs={"code": CODE}))
    assert applications["no letters"].protocol in listing.content.decode()

    # The officer records the holder's name as the bank account shows it.
    Application.objects.filter(pk=applications["no letters"].pk).update(
        iban_holder_name="Maria Test")
    second = payment_run(call=applications["credit"].call, acting_user=officer)
    assert list(second.lines.values_list("protocol", flat=True)) == [
        applications["no letters"].protocol]
    assert "<Nm>Maria Test</Nm>" in second.sepa_xml
    assert second.held_back == []


def test_an_invalid_iban_is_held_back_and_the_run_pays_the_others(client, make_user):
    officer = make_user("benefit_officer")
    good = approve(household(heating="autonomous"), amount="150.00", officer=officer)
    bad = approve(household(heating="autonomous"), amount="150.00", officer=officer)
    credit = approve(household(), amount="150.00", officer=officer)
    # An IBAN stored before it was checked (an old import): one digit wrong.
    Application.objects.filter(pk=bad.pk).update(iban=bad.iban[:-1] + "0")

    login(client, officer)
    response = client.post(reverse("energy:payment_run_new", kwargs={"code": CODE}),
                           follow=True)

    assert response.status_code == 200
    text = response.content.decode()
    assert "The IBAN is not valid" in text
    run = good.call.payment_runs.get()
    assert set(run.lines.values_list("protocol", flat=True)) == {good.protocol, credit.protocol}
    assert [item["reason"] for item in run.held_back] == ["iban_invalid"]
    bad.refresh_from_db()
    assert bad.status == ApplicationStatus.APPROVED
