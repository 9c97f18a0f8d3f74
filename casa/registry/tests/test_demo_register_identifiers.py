"""Fiscal codes and DSU protocols in the demo register are valid and unique, so that the
importer (which keys members by fiscal code and ISEE by protocol) takes every row."""

import csv
import datetime as dt
import re

import pytest
from stdnum.it import codicefiscale

from casa.registry.demo import write_register_csv


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    directory = tmp_path_factory.mktemp("register")
    write_register_csv(directory, households=3000, seed=11)

    def rows(name):
        with open(directory / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    return rows


def test_every_fiscal_code_is_valid_and_unique(register):
    codes = [row["fiscal_code"] for row in register("members.csv")]
    assert all(len(code) == 16 and codicefiscale.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_a_fiscal_code_matches_the_members_birth_date_and_sex(register):
    for row in register("members.csv"):
        birth = dt.date.fromisoformat(row["birth_date"])
        decoded = codicefiscale.get_birth_date(row["fiscal_code"], minyear=birth.year - 50)
        assert decoded == birth, row
        assert codicefiscale.get_gender(row["fiscal_code"]) == row["sex"], row


def test_people_born_abroad_have_a_foreign_state_code(register):
    members = register("members.csv")
    heads_abroad = [row for row in members
                    if row["relation"] == "head" and row["fiscal_code"][11] == "Z"]
    assert heads_abroad
    # Every foreign citizen heading a household was born abroad; some Italians too
    # (naturalised).
    assert any(row["citizenship"] == "IT" for row in heads_abroad)
    assert all(row["fiscal_code"][11] == "Z" for row in members
               if row["relation"] == "head" and row["citizenship"] != "IT")


def test_every_dsu_protocol_has_the_inps_format_and_is_unique(register):
    protocols = [row["dsu_protocol"] for row in register("isee.csv")]
    assert protocols
    pattern = re.compile(r"INPS-ISEE-(\d{4})-\d{8}[A-Z]-\d{2}")
    for row in register("isee.csv"):
        match = pattern.fullmatch(row["dsu_protocol"])
        assert match, row["dsu_protocol"]
        assert match.group(1) == row["issued_on"][:4]
    assert len(set(protocols)) == len(protocols)


def test_gas_pdrs_have_fourteen_digits_for_central_heating(register):
    for row in register("buildings.csv"):
        if row["heating"] == "central":
            assert re.fullmatch(r"\d{14}", row["gas_pdr"]), row
        else:
            assert row["gas_pdr"] == ""


def test_contacts_use_addresses_and_numbers_that_reach_nobody(register):
    for row in register("households.csv"):
        if row["email"]:
            assert row["email"].rsplit("@", 1)[1].split(".")[-1] in {"example", "invalid"}
        if row["phone"]:
            assert re.fullmatch(r"\+39 3\d\d 555 \d{4}", row["phone"])
