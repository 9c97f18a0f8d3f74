"""The bank transfers of a run: a SEPA credit transfer file (pain.001) valid against the ISO
20022 schema, with the right number of transactions and control sum, and only the applications
that gave an IBAN."""

import os
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import sepaxml
import xmlschema

from casa.energy.payments import SEPA_SCHEMA, payment_run

from .payments_fixtures import approve

NS = {"p": f"urn:iso:std:iso:20022:tech:xsd:{SEPA_SCHEMA}"}
SCHEMA = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", f"{SEPA_SCHEMA}.xsd")
IBANS = ["IT42L1234512345123456789012", "IT60X0542811101000000123456"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    approve(households["H001"], amount="600.00", officer=officer)  # bill credit
    approve(households["H002"], amount="400.50", officer=officer, iban=IBANS[0])
    households["H003"].rent_band = "accesso"  # eligible, so that it can be approved
    households["H003"].save(update_fields=["rent_band"])
    approve(households["H003"], amount="123.45", officer=officer, iban=IBANS[1])
    return payment_run(call=households["H001"].energy_applications.get().call,
                       acting_user=officer)


def test_the_transfer_file_is_valid_against_the_pain_001_schema(run):
    xmlschema.XMLSchema(SCHEMA).validate(run.sepa_xml)


def test_the_number_of_transactions_and_control_sum_are_right(run):
    root = ET.fromstring(run.sepa_xml.encode())  # noqa: S314 (our own file)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.find("p:NbOfTxs", NS).text == "2"
    assert Decimal(header.find("p:CtrlSum", NS).text) == Decimal("523.95")
    amounts = [Decimal(node.text) for node in root.iter(f"{{{NS['p']}}}InstdAmt")]
    assert sorted(amounts) == [Decimal("123.45"), Decimal("400.50")]
    assert run.total_eur == Decimal("1123.95")  # the bill credit is not in the SEPA file


def test_only_applications_with_an_iban_are_transferred_with_their_end_to_end_id(run):
    root = ET.fromstring(run.sepa_xml.encode())  # noqa: S314 (our own file)
    creditors = {node.find("p:CdtrAcct/p:Id/p:IBAN", NS).text:
                 node.find("p:PmtId/p:EndToEndId", NS).text
                 for node in root.iter(f"{{{NS['p']}}}CdtTrfTxInf")}
    lines = {line.iban: line.end_to_end_id for line in run.lines.filter(method="transfer")}
    assert creditors == lines
    assert set(creditors) == set(IBANS)
    debtor = root.find("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", NS).text
    assert debtor == "IT60X0542811101000000123456"
    assert "H001" not in run.sepa_xml
    assert [row.split(",")[0] for row in run.bill_credit_csv.splitlines()[1:]] == ["H001"]


def test_a_run_without_transfers_writes_no_sepa_file(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H001"], amount="600.00", officer=officer)

    run = payment_run(call=application.call, acting_user=officer)

    assert run.sepa_xml == "" and run.bill_credit_csv
