import datetime as dt
from decimal import Decimal

import pytest

from casa.energy.rules import Charge, Isee, evaluate

from .rule_fixtures import FIRST_CALL, ON, SEASON, household, ordinario


def decide(hh, on=ON):
    return evaluate(hh, FIRST_CALL, season=SEASON, on=on)


def test_a_protection_band_household_in_range_gets_half_its_heating_costs():
    outcome = decide(household(charges=[("2025-26", "estimate", "900.00")]))

    assert outcome.eligible
    assert outcome.reasons == ()
    assert outcome.amount == Decimal("450.00")


def test_the_amount_is_capped_at_600_euro():
    outcome = decide(household(charges=[("2025-26", "estimate", "1500.00")]))

    assert outcome.amount == Decimal("600.00")


@pytest.mark.parametrize(("value", "eligible"), [
    ("9360.00", False), ("9360.01", True), ("15000.00", True), ("15000.01", False)])
def test_both_ends_of_the_isee_range_are_included(value, eligible):
    outcome = decide(household(isee=value))

    assert outcome.eligible is eligible
    assert ("isee_out_of_range" in outcome.reasons) is (not eligible)


def test_every_failed_condition_is_listed_in_the_fixed_order():
    outcome = decide(household(band="decadenza", isee=None, tenancy_start=dt.date(2025, 6, 1),
                               arrears="300.00", charges=[]))

    assert not outcome.eligible
    assert outcome.amount == Decimal("0.00")
    assert outcome.reasons == ("rent_band", "isee_missing", "tenancy_too_short", "arrears",
                               "no_heating_costs")


def test_arrears_do_not_exclude_with_a_signed_repayment_plan():
    assert decide(household(arrears="250.00", repayment_plan=True)).eligible
    assert decide(household(arrears="250.00")).reasons == ("arrears",)


@pytest.mark.parametrize(("start", "eligible"), [
    (dt.date(2024, 11, 20), True), (dt.date(2024, 11, 21), False)])
def test_the_tenancy_must_have_started_twelve_months_before(start, eligible):
    assert decide(household(tenancy_start=start)).eligible is eligible


def test_a_valid_corrente_prevails_over_the_ordinario():
    corrente = Isee("corrente", Decimal("11000.00"), "INPS-ISEE-2025-00000002B-00",
                    dt.date(2025, 9, 1), dt.date(2026, 2, 28))
    outcome = decide(household(declarations=[ordinario("18000.00"), corrente]))

    assert outcome.eligible
    assert outcome.isee == corrente


def test_the_isee_must_be_valid_on_the_reference_date():
    expired = ordinario("12000.00", issued_on=dt.date(2024, 2, 1),
                        valid_until=dt.date(2024, 12, 31))
    future = ordinario("12000.00", issued_on=dt.date(2025, 12, 1),
                       valid_until=dt.date(2025, 12, 31))

    assert decide(household(declarations=[expired, future])).reasons == ("isee_missing",)


def test_the_most_recently_issued_of_the_same_kind_is_used():
    older = ordinario("16000.00", issued_on=dt.date(2025, 1, 10))
    newer = ordinario("12000.00", issued_on=dt.date(2025, 6, 10),
                      protocol="INPS-ISEE-2025-00000009Z-00")

    assert decide(household(declarations=[older, newer])).isee == newer


def test_actual_costs_replace_the_estimate_and_other_aid_is_deducted():
    hh = household()
    hh = type(hh)(**{**hh.__dict__, "charges": [
        Charge(SEASON, "estimate", Decimal("400.00")),
        Charge(SEASON, "actual", Decimal("1000.00"), other_aid=Decimal("300.00")),
        Charge("2024-25", "actual", Decimal("5000.00")),
    ]})

    outcome = decide(hh)

    assert outcome.cost_base == Decimal("700.00")
    assert outcome.amount == Decimal("350.00")


def test_other_aid_covering_all_costs_leaves_nothing_to_pay():
    hh = household()
    hh = type(hh)(**{**hh.__dict__, "charges": [
        Charge(SEASON, "estimate", Decimal("400.00"), other_aid=Decimal("450.00"))]})

    outcome = decide(hh)

    assert outcome.reasons == ("no_heating_costs",)
    assert outcome.cost_base == Decimal("0.00")


def test_half_a_cent_rounds_up():
    assert decide(household(charges=[("2025-26", "estimate", "100.01")])).amount == \
        Decimal("50.01")


def test_the_trace_names_each_check_with_its_inputs_and_dated_parameters():
    outcome = decide(household(isee="15000.01"))

    checks = {step["check"]: step for step in outcome.trace}
    assert checks["isee_out_of_range"]["passed"] is False
    assert checks["isee_out_of_range"]["inputs"] == {"isee_eur": "15000.01"}
    assert checks["isee_out_of_range"]["parameters"]["isee_max"] == {
        "value": "15000.00", "valid_from": "2025-11-01", "legal_reference": ""}
    assert checks["rent_band"]["parameters"]["eligible_bands"]["value"] == [
        "protezione", "accesso"]
