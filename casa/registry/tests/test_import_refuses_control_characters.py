"""A cell holding NUL or another control character is a rejected row with a report line, even
with --skip-invalid, never a traceback (PostgreSQL cannot store a NUL: the import crashed
there). Bidirectional controls are removed from names and the other texts."""

import csv

import pytest
from django.core.management import call_command

from casa.registry.importing import import_registry
from casa.registry.models import Building, Member
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register

pytestmark = pytest.mark.usefixtures("english")

REASON = ("contains a control character (U+0000), which CASA does not accept: retype the "
          "value rather than pasting it")


def test_a_name_with_nul_is_a_report_line_and_the_other_rows_are_imported(hubs, tmp_path):
    members = REGISTER["members.csv"].replace("Laura,Rossi", "La\x00ura,Rossi")

    result = import_registry(write_register(tmp_path / "in", members=members),
                             skip_invalid=True, report_path=tmp_path / "report.csv")

    assert [(r.file, r.line, r.column, r.reason, r.value) for r in result.rejections] == [
        ("members.csv", 3, "first_name", REASON, "La<U+0000>ura")]
    assert result.files["members.csv"].created == 3
    assert not Member.objects.filter(first_name__contains="ura").exists()
    with open(tmp_path / "report.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["members.csv", "3", "first_name", REASON, "La<U+0000>ura"]


@pytest.mark.parametrize(("character", "code"), [("\x1b", "U+001B"), ("\x7f", "U+007F"),
                                                 ("\x85", "U+0085"), ("\t", "U+0009")])
def test_other_control_characters_are_refused_in_a_single_line_value(hubs, tmp_path,
                                                                     character, code):
    members = REGISTER["members.csv"].replace("Laura,Rossi", f"Laura,Ros{character}si")

    result = import_registry(write_register(tmp_path / "in", members=members),
                             skip_invalid=True)

    assert [(r.column, r.reason) for r in result.rejections] == [
        ("last_name", REASON.replace("U+0000", code))]


def test_a_multi_line_address_keeps_its_line_break_but_not_a_nul(hubs, tmp_path):
    buildings = REGISTER["buildings.csv"].replace(
        "B001,Via Zamagna 5,", 'B001,"Via Zamagna 5\nscala interna",').replace(
        "B002,Via Roma 1,", "B002,Via Roma\x00 1,")

    result = import_registry(write_register(tmp_path / "in", buildings=buildings),
                             skip_invalid=True)

    assert [(r.file, r.column) for r in result.rejections if r.file == "buildings.csv"] == [
        ("buildings.csv", "address")]
    assert Building.objects.get(code="B001").address == "Via Zamagna 5\nscala interna"


def test_the_command_reports_a_nul_and_exits_cleanly(hubs, tmp_path, capsys):
    households = REGISTER["households.csv"].replace("rossi@example.invalid",
                                                    "rossi\x00@example.invalid")

    call_command("import_registry", str(write_register(tmp_path / "in", households=households)),
                 skip_invalid=True, report=tmp_path / "report.csv")

    out = capsys.readouterr().out
    assert f"households.csv line 2, email: {REASON}" in out
    assert "row(s) rejected and skipped; the valid rows were imported." in out


def test_names_are_cleaned_of_bidirectional_controls(hubs, tmp_path):
    members = REGISTER["members.csv"].replace("Laura,Rossi", "\u202eLaura\u202c,Ros\u2066si")

    result = import_registry(write_register(tmp_path / "in", members=members))

    assert result.ok
    laura = Member.objects.get(fiscal_code="RSSLRA82B45F205O")
    assert (laura.first_name, laura.last_name) == ("Laura", "Rossi")


def test_a_name_of_bidirectional_controls_only_is_empty(hubs, tmp_path):
    members = REGISTER["members.csv"].replace("Laura,Rossi", "\u202e\u202d,Rossi")

    result = import_registry(write_register(tmp_path / "in", members=members),
                             skip_invalid=True)

    assert [(r.column, r.reason) for r in result.rejections] == [
        ("first_name", "required, but empty")]
