import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from casa.energy.demo import create_demo_call
from casa.registry.models import HeatingCharge, Household, IseeDeclaration


def give(household, *, isee=None, charge=None, kind="ordinario", protocol="00000001A"):
    if isee is not None:
        IseeDeclaration.objects.create(
            household=household, kind=kind, value_eur=Decimal(isee),
            dsu_protocol=f"INPS-ISEE-2025-{protocol}-00", issued_on=dt.date(2025, 2, 1),
            valid_until=dt.date(2025, 12, 31))
    if charge is not None:
        HeatingCharge.objects.create(household=household, season="2025-26", basis="estimate",
                                     amount_eur=Decimal(charge))


def screen(tmp_path, as_of="2025-11-20"):
    out = tmp_path / "screening.csv"
    call_command("energy_screen", "--call", "energia-2025-26", "--as-of", as_of, "--out", out)
    with open(out, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_current_household_gets_one_row_with_amount_isee_and_reasons(register, tmp_path):
    create_demo_call(today=dt.date(2025, 11, 20))
    households = register["households"]
    give(households["H001"], isee="12000.5", charge="1500.00")           # eligible, capped
    give(households["H002"], isee="9360.00", charge="800.00", protocol="00000002B")
    Household.objects.filter(code="H003").update(arrears_eur=Decimal("120.00"))

    rows = {row["household_code"]: row for row in screen(tmp_path)}

    assert list(rows) == ["H001", "H002", "H003"]
    assert rows["H001"] == {"household_code": "H001", "eligible": "true",
                            "amount_eur": "600.00", "isee_eur": "12000.50", "reasons": ""}
    assert rows["H002"] == {"household_code": "H002", "eligible": "false",
                            "amount_eur": "0.00", "isee_eur": "9360.00",
                            "reasons": "isee_out_of_range"}
    assert rows["H003"]["reasons"] == "rent_band;isee_missing;arrears;no_heating_costs"
    assert rows["H003"]["isee_eur"] == ""


def test_households_whose_tenancy_ended_are_not_screened(register, tmp_path):
    create_demo_call(today=dt.date(2025, 11, 20))
    Household.objects.filter(code="H002").update(tenancy_end=dt.date(2025, 6, 30))

    codes = [row["household_code"] for row in screen(tmp_path)]

    assert codes == ["H001", "H003"]


def test_an_unknown_call_or_a_bad_date_is_a_clear_error(db, tmp_path):
    create_demo_call(today=dt.date(2025, 11, 20))
    with pytest.raises(CommandError, match="No call with code 'energia-1999'.*energia-2025-26"):
        call_command("energy_screen", "--call", "energia-1999", "--as-of", "2025-11-20",
                     "--out", tmp_path / "x.csv")
    with pytest.raises(CommandError, match="not a date"):
        call_command("energy_screen", "--call", "energia-2025-26", "--as-of", "20/11/2025",
                     "--out", tmp_path / "x.csv")


def test_a_date_before_the_call_parameters_is_a_clear_error(db, tmp_path):
    create_demo_call(today=dt.date(2025, 11, 20))

    with pytest.raises(CommandError, match="no value in force on 2025-10-01"):
        screen(tmp_path, as_of="2025-10-01")
