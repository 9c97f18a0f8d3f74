"""The agency's exports come in several dialects: BOM, `;`, decimal comma, DD/MM/YYYY,
extra columns, columns in any order."""

import datetime as dt
from decimal import Decimal

from casa.registry.importing import import_registry
from casa.registry.models import Household, Unit
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register


def test_it_reads_a_semicolon_file_with_bom_decimal_commas_and_italian_dates(hubs, tmp_path):
    households = (
        "\ufeffhousehold_code;unit_code;tenancy_start;rent_band;isee_erp_eur;arrears_eur;"
        "repayment_plan;email;phone;language\n"
        "H001;U001;01/03/2015;protezione;8500,00;0;no;rossi@example.invalid;;it\n"
        "H002;U002;15/10/2019;accesso;;120,5;yes;;;ar\n"
        "H003;U003;2001-01-01;permanenza;21000;0;no;;;\n")
    directory = write_register(tmp_path / "in", households=households)
    (directory / "units.csv").write_bytes(
        ("\ufeff" + REGISTER["units.csv"].replace("62.50", '"62,50"')).encode("utf-8"))

    result = import_registry(directory)

    assert result.ok, result.rejections
    household = Household.objects.get(code="H002")
    assert household.tenancy_start == dt.date(2019, 10, 15)
    assert household.arrears_eur == Decimal("120.50")
    assert Household.objects.get(code="H001").isee_erp_eur == Decimal("8500")
    assert Unit.objects.get(code="U001").area_sqm == Decimal("62.50")


def test_it_ignores_extra_columns_and_matches_columns_by_name_in_any_order(hubs, tmp_path):
    units = ("Notes,area_sqm,rooms,door,floor,entrance,building_code,UNIT_CODE\n"
             "corner flat,62.50,3,5,2,A,B001,U001\n"
             ",,2,1,0,B,B001,U002\n"
             ",48,,,1,,B002,U003\n")

    result = import_registry(write_register(tmp_path / "in", units=units))

    assert result.ok, result.rejections
    unit = Unit.objects.get(code="U001")
    assert unit.area_sqm == Decimal("62.50") and unit.rooms == 3 and unit.door == "5"


def test_it_strips_spaces_around_values_and_accepts_enums_in_any_case(hubs, tmp_path):
    households = REGISTER["households.csv"].replace(
        "H001,U001,2015-03-01,protezione", "H001 , U001,2015-03-01, Protezione")

    result = import_registry(write_register(tmp_path / "in", households=households))

    assert result.ok, result.rejections
    assert Household.objects.get(code="H001").rent_band == "protezione"


def test_crlf_line_endings_are_read(hubs, tmp_path):
    directory = write_register(tmp_path / "in")
    (directory / "members.csv").write_bytes(
        REGISTER["members.csv"].replace("\n", "\r\n").encode())

    result = import_registry(directory)

    assert result.ok and result.files["members.csv"].created == 4
