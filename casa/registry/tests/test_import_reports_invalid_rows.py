"""Invalid rows are reported (file, line, column, reason); by default nothing is written."""

import csv

import pytest
from django.core.management import CommandError, call_command

from casa.core.models import AuditEvent
from casa.registry.importing import import_registry
from casa.registry.models import Building, Household, IseeDeclaration, Member
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = pytest.mark.usefixtures("english")


MEMBERS_HEADER = REGISTER["members.csv"].splitlines(keepends=True)[0]


def reasons(result):
    return [(r.file, r.line, r.column, r.reason) for r in result.rejections]


def import_with(tmp_path, **files):
    return import_registry(write_register(tmp_path / "in", **files))


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("H001,RSSMRA80A01F205Y,Mario,Rossi,1980-01-01,M,head,IT", "fiscal_code",
     "the check character of the fiscal code is wrong"),
    ("H001,RSSMRA80A01F20,Mario,Rossi,1980-01-01,M,head,IT", "fiscal_code",
     "a fiscal code has 16 characters"),
    ("H001,12345678901,Mario,Rossi,1980-01-01,M,head,IT", "fiscal_code",
     "a fiscal code has 16 characters"),
    ("H001,RSSMRA80A01F205X,Mario,Rossi,1980-13-01,M,head,IT", "birth_date",
     "not a real date"),
    ("H001,RSSMRA80A01F205X,Mario,Rossi,01.01.1980,M,head,IT", "birth_date",
     "not a date (write YYYY-MM-DD or DD/MM/YYYY)"),
    ("H001,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,X,head,IT", "sex", "must be one of: F, M"),
    ("H001,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,M,uncle,IT", "relation",
     "must be one of: head, spouse, child, other"),
    ("H001,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,M,head,ITA", "citizenship",
     "a citizenship is a two-letter ISO 3166 country code, e.g. IT"),
    ("H001,RSSMRA80A01F205X,,Rossi,1980-01-01,M,head,IT", "first_name",
     "required, but empty"),
    ("H999,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,M,head,IT", "household_code",
     "unknown household_code H999: not in households.csv nor in the register"),
])
def test_it_rejects_an_invalid_member_and_says_why(hubs, tmp_path, row, column, reason):
    result = import_with(tmp_path, members=MEMBERS_HEADER + row + "\n")

    assert reasons(result) == [("members.csv", 2, column, reason)]


@pytest.mark.parametrize(("file", "text", "column", "reason"), [
    ("isee", "H001,ordinario,9800,INPS-ISEE-25-00597381W-00,2025-02-10,2025-12-31",
     "dsu_protocol", "not a DSU protocol number (INPS-ISEE-YYYY-XXXXXXXXX-NN, e.g. "
     "INPS-ISEE-2025-00597381W-00)"),
    ("isee", "H001,ordinario,9800,INPS-ISEE-2025-00597381W-00,2025-02-10,2024-12-31",
     "valid_until", "valid_until is before issued_on"),
    ("isee", "H001,ordinario,-5,INPS-ISEE-2025-00597381W-00,2025-02-10,2025-12-31",
     "value_eur", "must not be negative"),
    ("isee", "H001,ordinario,9800.001,INPS-ISEE-2025-00597381W-00,2025-02-10,2025-12-31",
     "value_eur", "at most 2 decimal places"),
    ("isee", "H001,annual,9800,INPS-ISEE-2025-00597381W-00,2025-02-10,2025-12-31",
     "kind", "must be one of: ordinario, corrente"),
    ("heating_charges", "H001,2024-26,estimate,640,", "season",
     "the two years of a season must follow each other (e.g. 2024-25)"),
    ("heating_charges", "H001,24-25,estimate,640,", "season",
     "not a season (write e.g. 2024-25)"),
    ("heating_charges", "H001,2024-25,estimate,1.234.00,", "amount_eur",
     "not a number (write e.g. 1234.56 or 1234,56, without thousands separators)"),
    ("buildings", "B009,Via X 1,Milano,,nowhere,central,,aler", "hub_code",
     "unknown hub_code nowhere: no such Spazio CASA in CASA"),
    ("buildings", "B009,Via X 1,Milano,,,central,1234,aler", "gas_pdr",
     "a gas PDR has exactly 14 digits"),
    ("buildings", "B009,Via X 1,Milano,,,solar,,aler", "heating",
     "must be one of: central, autonomous"),
    ("households", "H009,U001,2020-01-01,protezione,,0,yes,not-an-email,,it", "email",
     "not a valid e-mail address"),
    ("households", "H009,U001,2020-01-01,protezione,,0,yes,,,ita", "language",
     "a language is a two-letter ISO 639-1 code, e.g. it"),
    ("households", "H009,U001,2020-01-01,protezione,,0,maybe,,,it", "repayment_plan",
     "must be yes or no"),
    ("units", "U009,B404,A,1,1,2,50", "building_code",
     "unknown building_code B404: not in buildings.csv nor in the register"),
])
def test_it_rejects_each_kind_of_invalid_value(hubs, tmp_path, file, text, column, reason):
    original = REGISTER[f"{file}.csv"]

    result = import_with(tmp_path, **{file: f"{original}{text}\n"})

    line = len(original.splitlines()) + 1
    assert reasons(result) == [(f"{file}.csv", line, column, reason)]


def test_line_numbers_count_the_header_and_multi_line_quoted_values(hubs, tmp_path):
    buildings = ('building_code,address,municipality,neighbourhood,hub_code,heating,gas_pdr,'
                 'managed_by\n'
                 'B001,"Via Zamagna 5\nscala interna",Milano,,,central,,aler\n'
                 '\n'
                 'B002,Via Roma 1,Rozzano,,,gas,,aler\n')

    result = import_with(tmp_path, buildings=buildings)

    assert ("buildings.csv", 5, "heating", "must be one of: central, autonomous") in reasons(
        result)


def test_a_duplicate_key_is_rejected_with_the_line_of_the_first(hubs, tmp_path):
    members = REGISTER["members.csv"] + "H002,RSSMRA80A01F205X,Mario,Rossi,1980-01-01,M,head,IT\n"

    result = import_with(tmp_path, members=members)

    assert reasons(result) == [("members.csv", 6, "fiscal_code",
                                "duplicate fiscal_code: already on line 2")]


def test_a_row_with_a_missing_field_is_rejected(hubs, tmp_path):
    result = import_with(tmp_path, units=REGISTER["units.csv"] + "U009,B001,A,1,1\n")

    assert reasons(result)[0][:3] == ("units.csv", 5, "")
    assert "the row has 5 fields but the header has 7" in reasons(result)[0][3]


def test_a_missing_column_rejects_the_file(hubs, tmp_path):
    result = import_with(tmp_path, isee="household_code,kind,value_eur\nH001,ordinario,1\n")

    assert reasons(result) == [("isee.csv", 1, "dsu_protocol, issued_on, valid_until",
                                "missing column(s) in the header: dsu_protocol, issued_on, "
                                "valid_until")]


def test_a_file_that_is_not_utf8_is_rejected(hubs, tmp_path):
    directory = write_register(tmp_path / "in")
    (directory / "buildings.csv").write_bytes(
        REGISTER["buildings.csv"].replace("Zamagna", "Città").encode("latin-1"))

    result = import_registry(directory)

    assert result.rejections[0].file == "buildings.csv"
    assert "not UTF-8" in result.rejections[0].reason


def test_by_default_one_invalid_row_means_nothing_is_written(hubs, tmp_path):
    members = REGISTER["members.csv"].replace("RSSMRA80A01F205X", "RSSMRA80A01F205Y")

    result = import_with(tmp_path, members=members)

    assert result.rolled_back
    assert Building.objects.count() == 0 and Household.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_command_exits_with_an_error_and_lists_the_rejected_rows(hubs, tmp_path, capsys):
    members = REGISTER["members.csv"].replace("RSSMRA80A01F205X", "RSSMRA80A01F205Y")
    report = tmp_path / "report.csv"

    with pytest.raises(CommandError, match="1 row\\(s\\) rejected: nothing was written"):
        call_command("import_registry", str(write_register(tmp_path / "in", members=members)),
                     report=str(report))

    out = capsys.readouterr().out
    assert ("members.csv line 2, fiscal_code: the check character of the fiscal code is "
            "wrong") in out
    with open(report, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"file": "members.csv", "line": "2", "column": "fiscal_code",
                     "reason": "the check character of the fiscal code is wrong",
                     "value": "RSSMRA80A01F205Y"}]


def test_the_screen_shows_fifty_rejections_then_how_many_more(hubs, tmp_path, capsys):
    isee = REGISTER["isee.csv"] + "".join(
        f"H001,ordinario,1,BAD-{n},2025-01-01,2025-12-31\n" for n in range(60))

    with pytest.raises(CommandError):
        call_command("import_registry", str(write_register(tmp_path / "in", isee=isee)),
                     report=str(tmp_path / "r.csv"))

    out = capsys.readouterr().out
    assert out.count("isee.csv line") == 50 and "... and 10 more" in out


def test_skip_invalid_imports_the_valid_rows_and_rejects_rows_that_refer_to_rejected_ones(
        hubs, tmp_path):
    households = REGISTER["households.csv"].replace("H002,U002,2019-10-15",
                                                    "H002,U002,2019-02-30")
    result = import_registry(write_register(tmp_path / "in", households=households),
                             skip_invalid=True)

    assert not result.rolled_back
    assert reasons(result) == [
        ("households.csv", 3, "tenancy_start", "not a real date"),
        ("members.csv", 4, "household_code",
         "refers to household_code H002, whose row in households.csv was rejected"),
        ("isee.csv", 3, "household_code",
         "refers to household_code H002, whose row in households.csv was rejected"),
        ("heating_charges.csv", 4, "household_code",
         "refers to household_code H002, whose row in households.csv was rejected"),
    ]
    assert set(Household.objects.values_list("code", flat=True)) == {"H001", "H003"}
    assert Member.objects.count() == 3 and IseeDeclaration.objects.count() == 1
    assert result.files["households.csv"].rejected == 1


def test_the_command_with_skip_invalid_succeeds_and_says_what_it_skipped(
        hubs, tmp_path, capsys):
    households = REGISTER["households.csv"].replace("H002,U002,2019-10-15",
                                                    "H002,U002,2019-02-30")
    call_command("import_registry", str(write_register(tmp_path / "in", households=households)),
                 skip_invalid=True, report=str(tmp_path / "r.csv"))

    assert "4 row(s) rejected and skipped" in capsys.readouterr().out
