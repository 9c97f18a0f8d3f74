"""The demo register looks like Aler's: bands, ISEE, household sizes, languages, charges."""

import csv
import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from casa.registry.demo import HUBS, REFERENCE_DATE, write_register_csv

HOUSEHOLDS = 2000


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    directory = tmp_path_factory.mktemp("register")
    write_register_csv(directory, households=HOUSEHOLDS, seed=1)

    def rows(name):
        with open(directory / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    return rows


def share(count, total=HOUSEHOLDS):
    return count / total


def test_rent_bands_follow_the_agencys_mix(register):
    bands = Counter(row["rent_band"] for row in register("households.csv"))
    assert 0.40 < share(bands["protezione"]) < 0.50
    assert 0.25 < share(bands["accesso"]) < 0.35
    assert 0.15 < share(bands["permanenza"]) < 0.25
    assert 0.02 < share(bands["decadenza"]) < 0.08


def test_protezione_households_have_an_isee_erp_up_to_9000(register):
    for row in register("households.csv"):
        if row["rent_band"] == "protezione" and row["isee_erp_eur"]:
            assert Decimal(row["isee_erp_eur"]) <= Decimal("9000.00")


def test_households_have_one_to_six_members_about_2_3_on_average(register):
    members = register("members.csv")
    sizes = Counter(row["household_code"] for row in members)
    assert len(sizes) == HOUSEHOLDS
    assert set(sizes.values()) <= set(range(1, 7))
    assert 2.0 < len(members) / HOUSEHOLDS < 2.6
    heads = {row["household_code"]: row for row in members if row["relation"] == "head"}
    assert len(heads) == HOUSEHOLDS
    elderly_alone = sum(1 for code, size in sizes.items()
                        if size == 1 and heads[code]["birth_date"] < "1956-01-01")
    assert share(elderly_alone) > 0.10


def test_most_households_are_italian_and_foreign_ones_speak_their_language(register):
    households = {row["household_code"]: row for row in register("households.csv")}
    heads = [row for row in register("members.csv") if row["relation"] == "head"]
    citizenships = Counter(row["citizenship"] for row in heads)
    assert 0.55 < share(citizenships["IT"]) < 0.85
    assert len(citizenships) >= 10
    languages = Counter(row["language"] for row in households.values())
    assert {"it", "ro", "ar", "es", "zh", "sq", "uk"} <= set(languages)
    romanians = [households[row["household_code"]]["language"] for row in heads
                 if row["citizenship"] == "RO"]
    assert Counter(romanians).most_common(1)[0][0] == "ro"


def test_three_households_in_four_have_an_isee_with_many_in_the_contribution_range(register):
    isee = register("isee.csv")
    assert 0.68 < share(len({row["household_code"] for row in isee})) < 0.82
    values = [Decimal(row["value_eur"]) for row in isee]
    in_range = sum(Decimal("9360.01") <= value <= Decimal("15000.00") for value in values)
    assert in_range / len(values) > 0.2
    assert {"9360.00", "9360.01", "15000.00", "15000.01"} <= {row["value_eur"] for row in isee}


def test_isee_declarations_are_valid_for_their_kind(register):
    kinds = Counter()
    for row in register("isee.csv"):
        issued = dt.date.fromisoformat(row["issued_on"])
        valid_until = dt.date.fromisoformat(row["valid_until"])
        kinds[row["kind"]] += 1
        if row["kind"] == "ordinario":
            assert valid_until == dt.date(issued.year, 12, 31)
            assert issued.year in (2025, 2026)
            if issued.year == 2026:
                assert issued.month <= 3
        else:
            assert 180 <= (valid_until - issued).days <= 185
    assert kinds["corrente"] > 0
    assert kinds["ordinario"] > 20 * kinds["corrente"]


def test_central_heating_brings_charges_for_two_seasons(register):
    buildings = {row["building_code"]: row for row in register("buildings.csv")}
    units = {row["unit_code"]: buildings[row["building_code"]]
             for row in register("units.csv")}
    heating = {row["household_code"]: units[row["unit_code"]]["heating"]
               for row in register("households.csv")}
    charges = register("heating_charges.csv")
    assert {(row["season"], row["basis"]) for row in charges} == {
        ("2024-25", "estimate"), ("2024-25", "actual"), ("2025-26", "estimate")}
    central = [Decimal(row["amount_eur"]) for row in charges
               if heating[row["household_code"]] == "central"]
    typical = sum(Decimal("500") <= amount <= Decimal("2200") for amount in central)
    assert typical / len(central) > 0.8
    autonomous = {row["household_code"] for row in charges
                  if heating[row["household_code"]] == "autonomous"}
    autonomous_households = sum(1 for kind in heating.values() if kind == "autonomous")
    assert len(autonomous) < 0.1 * autonomous_households
    assert any(row["other_aid_eur"] for row in charges)


def test_buildings_hold_about_fifty_units_mostly_in_a_hub(register):
    buildings = register("buildings.csv")
    units = register("units.csv")
    assert 30 < len(units) / len(buildings) < 70
    hub_codes = [row["hub_code"] for row in buildings]
    assert set(hub_codes) - {""} <= {hub["code"] for hub in HUBS}
    assert 0.6 < sum(1 for code in hub_codes if code) / len(buildings) < 0.95
    assert "" in hub_codes
    assert Counter(row["heating"] for row in buildings).most_common(1)[0][0] == "central"


def test_arrears_contacts_and_tenancies_are_spread_like_a_real_register(register):
    households = register("households.csv")
    in_arrears = [row for row in households if Decimal(row["arrears_eur"]) > 0]
    assert 0.18 < share(len(in_arrears)) < 0.32
    assert any(row["repayment_plan"] == "yes" for row in in_arrears)
    assert share(sum(1 for row in households if row["email"])) > 0.6
    starts = [dt.date.fromisoformat(row["tenancy_start"]) for row in households]
    assert min(starts) >= dt.date(1970, 1, 1)
    assert max(starts) <= REFERENCE_DATE
    recent = sum(1 for start in starts if (REFERENCE_DATE - start).days < 365)
    assert 0.01 < share(recent) < 0.15
