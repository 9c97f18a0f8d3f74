"""The audit trail reads as sentences in the reader's language: who (name and role), what,
which record, and the changes with the fields' names and the choices' labels. No internal
key (a field name, a record type, an action) shows on the page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import FISCAL_CODES

from .audit_helpers import page, rome, table_text, write


@pytest.fixture
def officer(register, make_user):
    user = make_user("benefit_officer", email="maria.rossi@example.invalid")
    get_user_model().objects.filter(pk=user.pk).update(first_name="Maria", last_name="Rossi")
    user.refresh_from_db()
    return user


@pytest.fixture
def auditor(register, make_user):
    return make_user("auditor")


def read(client, auditor, language, **filters):
    client.force_login(auditor)
    client.cookies["django_language"] = language
    return table_text(page(client, **filters))


@pytest.fixture
def band_change(register):
    return write(action="update", target_id="H001", at=rome(2026, 11, 20),
                 changes={"rent_band": ["protezione", "accesso"],
                          "repayment_plan": ["no", "yes"], "isee_erp_eur": ["9000.5", ""]})


def test_an_imported_change_reads_with_the_fields_names_and_labels_in_italian(
        client, auditor, band_change):
    text = read(client, auditor, "it", household="H001")

    # In the model's field order, whatever order the database keeps the JSON in.
    assert ("import_registry ha aggiornato il nucleo familiare H001: fascia protezione → "
            "accesso; ISEE-ERP (€) 9.000,50 → —; piano di rientro firmato no → sì") in text
    for key in ("rent_band", "repayment_plan", "isee_erp_eur", "registry.household"):
        assert key not in text


def test_an_imported_change_reads_with_the_fields_names_and_labels_in_english(
        client, auditor, band_change):
    text = read(client, auditor, "en", household="H001")

    assert ("import_registry updated household H001: rent band protection (protezione) → "
            "access (accesso); ISEE-ERP (€) 9,000.50 → —; repayment plan signed no → yes"
            ) in text
    assert "rent_band" not in text


def test_a_staff_members_view_names_them_and_their_role(client, auditor, officer):
    client.force_login(officer)
    client.get(reverse("registry:household_detail", kwargs={"code": "H001"}))

    assert ("Maria Rossi (istruttore) ha consultato il nucleo familiare H001"
            in read(client, auditor, "it", household="H001"))
    assert ("Maria Rossi (benefit officer) viewed household H001"
            in read(client, auditor, "en", household="H001"))


def test_register_records_read_with_their_household(client, auditor):
    write(action="update", target_type="registry.member", target_id=FISCAL_CODES[0],
          subject="household:H001", changes={"relation": ["child", "head"]})
    write(action="update", target_type="registry.iseedeclaration",
          target_id="INPS-ISEE-2025-00597381W-00", subject="household:H001",
          changes={"kind": ["ordinario", "corrente"], "valid_until": ["2025-12-31",
                                                                      "2026-05-31"]})
    write(action="update", target_type="registry.heatingcharge",
          target_id="H001:2025-26:actual", subject="household:H001",
          changes={"amount_eur": ["800.00", "950.00"]})
    write(action="end", target_id="H001", changes={"tenancy_end": ["", "2026-11-25"]})

    text = read(client, auditor, "en", household="H001")

    assert (f"import_registry updated member {FISCAL_CODES[0]} of household H001: relation "
            "child → head of household") in text
    assert ("import_registry updated ISEE declaration INPS-ISEE-2025-00597381W-00 of "
            "household H001: kind ordinary (ordinario) → current (corrente); valid until "
            "31/12/2025 → 31/05/2026") in text
    assert ("import_registry updated heating charges 2025-26, actual (consuntivo), of "
            "household H001: amount (€) 800.00 → 950.00") in text
    assert "import_registry ended household H001: tenancy end — → 25/11/2026" in text


def test_an_import_run_reads_as_its_counts(client, auditor):
    write(action="import", target_type="registry.import", target_id="20261120T101500",
          target_repr="/srv/exports/2026-11-20", changes={
              "households.csv": {"read": 3, "created": 1, "updated": 1, "unchanged": 1,
                                 "rejected": 0},
              "ended_households": 2})

    text = read(client, auditor, "it", action="import")

    assert ("import_registry ha importato l'anagrafe da /srv/exports/2026-11-20: "
            "households.csv: 3 letti, 1 nuovi, 1 aggiornati, 1 invariati, 0 scartati; "
            "2 contratti cessati") in text


def test_a_message_to_a_household_reads_with_its_subject_and_channel(client, auditor,
                                                                     officer):
    write(actor=officer, action="create", target_type="notifications.message", target_id="7",
          target_repr="Contributo energetico: puoi fare domanda", subject="household:H001",
          changes={"kind": "energy.invitation", "channel": "email"},
          note="energy.invitation:energia-2025-26:H001:email")

    text = read(client, auditor, "it", household="H001")

    assert ("Maria Rossi (istruttore) ha scritto il messaggio «Contributo energetico: puoi "
            "fare domanda» al nucleo familiare H001 (e-mail)") in text
    assert "energy.invitation" not in text


def test_a_note_registered_by_an_app_is_translated(client, auditor, officer):
    write(actor=officer, target_id="H001", note="api")

    assert ("Maria Rossi (istruttore) ha consultato il nucleo familiare H001 (tramite l'API)"
            in read(client, auditor, "it", household="H001"))


def test_a_record_type_no_app_describes_reads_through_its_model(client, auditor):
    # Nobody registered sentences for Spazi CASA: the generic sentence uses the model's
    # verbose names.
    write(action="update", target_type="registry.hub", target_id="san-siro",
          target_repr="San Siro", changes={"opening_hours": ["", "Lun 9-12"]})

    assert ("import_registry ha aggiornato Spazio CASA san-siro (San Siro): orari di "
            "apertura — → Lun 9-12") in read(client, auditor, "it", action="update")
