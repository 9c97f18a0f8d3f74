"""A first import creates the register, linked by the agency's codes."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from casa.core.models import AuditEvent
from casa.registry.importing import import_registry
from casa.registry.models import (
    Building,
    HeatingCharge,
    Household,
    IseeDeclaration,
    Member,
    Unit,
)

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = pytest.mark.usefixtures("english")

# A small valid register, one file per key; the tests of other behaviours edit it.
REGISTER = {
    "buildings.csv": """\
building_code,address,municipality,neighbourhood,hub_code,heating,gas_pdr,managed_by
B001,Via Zamagna 5,Milano,San Siro,san-siro,central,12345678901234,aler
B002,Via Roma 1,Rozzano,,,autonomous,,administrator
""",
    "units.csv": """\
unit_code,building_code,entrance,floor,door,rooms,area_sqm
U001,B001,A,2,5,3,62.50
U002,B001,B,0,1,2,
U003,B002,,1,,,48
""",
    "households.csv": """\
household_code,unit_code,tenancy_start,rent_band,isee_erp_eur,arrears_eur,repayment_plan,email,phone,language
H001,U001,2015-03-01,protezione,8500.00,0,no,rossi@example.invalid,+39 02 1234567,it
H002,U002,2019-10-15,accesso,,120.50,yes,,,ar
H003,U003,2001-01-01,permanenza,21000,0,no,,,
""",
    "members.csv": """\
household_code,fiscal_code,first_name,last_name,birth_date,sex,relation,citizenship
H001,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,M,head,IT
H001,rsslra82b45f205o,Laura,Rossi,1982-02-05,F,spouse,IT
H002,KHLMHM90E15Z330E,Mohamed,Khalil,1990-05-15,M,head,MA
H003,BNCLCU75D10F205E,Luca,Bianchi,1975-04-10,M,head,IT
""",
    "isee.csv": """\
household_code,kind,value_eur,dsu_protocol,issued_on,valid_until
H001,ordinario,9800.00,INPS-ISEE-2025-00597381W-00,2025-02-10,2025-12-31
H002,corrente,12000.5,INPS-ISEE-2025-00600001A-01,2025-06-01,2025-11-30
""",
    "heating_charges.csv": """\
household_code,season,basis,amount_eur,other_aid_eur
H001,2024-25,estimate,640.00,
H001,2024-25,actual,1210.40,150
H002,2024-25,estimate,500,
""",
}


def write_register(directory: Path, **changes):
    """Write REGISTER into `directory`; `changes` maps a file stem to new text, or None to
    leave the file out (households=None)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in REGISTER.items():
        text = changes.get(name.removesuffix(".csv"), text)
        if text is not None:
            (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_it_creates_every_row_of_every_file(hubs, tmp_path):
    result = import_registry(write_register(tmp_path))

    assert result.ok and not result.rolled_back
    assert {name: stats.created for name, stats in result.files.items()} == {
        "buildings.csv": 2, "units.csv": 3, "households.csv": 3, "members.csv": 4,
        "isee.csv": 2, "heating_charges.csv": 3}
    assert Building.objects.count() == 2 and Unit.objects.count() == 3
    assert Household.objects.count() == 3 and Member.objects.count() == 4
    assert IseeDeclaration.objects.count() == 2 and HeatingCharge.objects.count() == 3


def test_the_records_hold_the_values_of_the_files(hubs, tmp_path):
    import_registry(write_register(tmp_path))

    building = Building.objects.get(code="B001")
    assert building.hub == hubs and building.gas_pdr == "12345678901234"
    assert Building.objects.get(code="B002").hub is None
    unit = Unit.objects.get(code="U001")
    assert unit.building == building and unit.area_sqm == Decimal("62.50") and unit.rooms == 3
    assert Unit.objects.get(code="U002").area_sqm is None
    household = Household.objects.get(code="H002")
    assert household.unit.code == "U002" and household.tenancy_start == dt.date(2019, 10, 15)
    assert household.isee_erp_eur is None and household.arrears_eur == Decimal("120.50")
    assert household.repayment_plan is True and household.language == "ar"
    assert household.tenancy_end is None
    assert Household.objects.get(code="H003").language == "it"
    member = Member.objects.get(fiscal_code="RSSLRA82B45F205O")  # uppercased
    assert member.household.code == "H001" and member.sex == "F" and member.relation == "spouse"
    isee = IseeDeclaration.objects.get(dsu_protocol="INPS-ISEE-2025-00600001A-01")
    assert isee.kind == "corrente" and isee.value_eur == Decimal("12000.50")
    charge = HeatingCharge.objects.get(household__code="H001", season="2024-25", basis="actual")
    assert charge.amount_eur == Decimal("1210.40") and charge.other_aid_eur == Decimal("150")


def test_one_audit_event_sums_up_the_import(hubs, tmp_path):
    import_registry(write_register(tmp_path))

    event = AuditEvent.objects.get()
    assert event.action == "import" and event.actor_label == "import_registry"
    assert event.changes["households.csv"]["created"] == 3
    assert event.changes["members.csv"]["created"] == 4


def test_an_absent_file_is_skipped(hubs, tmp_path):
    result = import_registry(write_register(tmp_path, isee=None, heating_charges=None))

    assert result.ok
    assert result.missing_files == ["isee.csv", "heating_charges.csv"]
    assert Household.objects.count() == 3 and IseeDeclaration.objects.count() == 0


def test_a_later_partial_export_refers_to_rows_already_in_the_register(hubs, tmp_path):
    import_registry(write_register(tmp_path / "first"))
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "isee.csv").write_text(
        "household_code,kind,value_eur,dsu_protocol,issued_on,valid_until\n"
        "H003,ordinario,15000,INPS-ISEE-2026-00000042B-00,2026-01-15,2026-12-31\n")

    result = import_registry(partial)

    assert result.ok and result.files["isee.csv"].created == 1
    assert IseeDeclaration.objects.filter(household__code="H003").count() == 1


def test_the_command_prints_a_summary_and_the_report_path(hubs, tmp_path, capsys):
    report = tmp_path / "report.csv"
    call_command("import_registry", str(write_register(tmp_path / "in")), report=str(report))

    out = capsys.readouterr().out
    assert "households.csv" in out and "Import complete." in out
    assert str(report) in out
    assert report.read_text().splitlines() == ["file,line,column,reason,value"]


def test_the_command_writes_its_report_under_the_report_folder_by_default(
        hubs, tmp_path, settings, capsys):
    settings.CASA_IMPORT_REPORT_DIR = tmp_path / "reports"
    call_command("import_registry", str(write_register(tmp_path / "in")))

    reports = list((tmp_path / "reports").glob("import-registry-*.csv"))
    assert len(reports) == 1 and str(reports[0]) in capsys.readouterr().out
