"""explain.py: every check of the rule, passed or failed, as a sentence in plain words."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from casa.energy import rules
from casa.energy.explain import REASON_LABELS, explain, format_parameter
from casa.energy.rules import Charge, Params

from .rule_fixtures import FIRST_CALL, ON, SEASON, household, ordinario

WITH_REFERENCE = Params.from_values({
    name: rules.ParameterValue(name, source.value, source.valid_from, "Decreto 123/2025 art. 4")
    for name, source in FIRST_CALL.sources.items()
})


def sentences(facts, params=WITH_REFERENCE, language="en"):
    outcome = rules.evaluate(facts, params, season=SEASON, on=ON)
    with translation.override(language):
        return {sentence.check: sentence for sentence in explain(outcome.trace)}


def test_an_eligible_household_reads_every_check_as_met_with_values_dates_and_reference():
    facts = household(isee=None, declarations=[ordinario(
        "12000.50", protocol="INPS-ISEE-2025-00597381W-00", valid_until=dt.date(2025, 12, 31))],
        charges=(("2025-26", "estimate", "1500.00"),))

    said = sentences(facts)

    assert all(sentence.passed for sentence in said.values())
    assert said["isee_out_of_range"].text == (
        "Your ISEE is 12,000.50\N{NO-BREAK SPACE}€ (ordinary (ordinario), protocol "
        "INPS-ISEE-2025-00597381W-00, valid until 31/12/2025). It is between "
        "9,360.01\N{NO-BREAK SPACE}€ and 15,000.00\N{NO-BREAK SPACE}€ (rule in force from "
        "01/11/2025, Decreto 123/2025 art. 4).")
    assert said["rent_band"].text.startswith(
        "Your household is in rent band protection (protezione). The call accepts this")
    assert "INPS-ISEE-2025-00597381W-00" in said["isee_missing"].text
    assert said["tenancy_too_short"].text.startswith("Your tenancy started on 01/05/2010, at "
                                                     "least 12 months before 20/11/2025")
    assert said["arrears"].text == "You have no rent arrears."
    assert said["no_heating_costs"].text == (
        "Your heating costs for the 2025-26 season are 1,500.00\N{NO-BREAK SPACE}€ "
        "(estimate (preventivo)).")
    assert said["amount"].text.startswith(
        "The contribution is 50\N{NO-BREAK SPACE}% of 1,500.00\N{NO-BREAK SPACE}€, at most "
        "600.00\N{NO-BREAK SPACE}€: 600.00\N{NO-BREAK SPACE}€")


def test_each_failed_check_says_what_is_missing():
    facts = household(band="permanenza", isee="20000.00", tenancy_start=dt.date(2025, 6, 1),
                      arrears="350.00", charges=())

    said = sentences(facts)

    assert [check for check, sentence in said.items() if not sentence.passed] == [
        "rent_band", "isee_out_of_range", "tenancy_too_short", "arrears", "no_heating_costs",
        "amount"]
    assert said["rent_band"].text.startswith(
        "Your household is in rent band permanence (permanenza). The call accepts only protection "
        "(protezione), access (accesso)")
    assert "is not between 9,360.01\N{NO-BREAK SPACE}€ and 15,000.00\N{NO-BREAK SPACE}€, "\
        "including these two values" in said["isee_out_of_range"].text
    assert "which you reach on 01/06/2026" in said["tenancy_too_short"].text
    assert said["arrears"].text.startswith(
        "You still owe 350.00\N{NO-BREAK SPACE}€ of unpaid rent (arrears) and have not signed a "
        "repayment plan")
    assert said["no_heating_costs"].text == (
        "We have no heating charges for you for the 2025-26 season.")
    assert said["amount"].text == (
        "You cannot get the contribution: at least one condition is not met.")


def test_a_missing_isee_is_explained_once_and_the_range_cannot_be_checked():
    said = sentences(household(isee=None))

    assert not said["isee_missing"].passed
    assert said["isee_missing"].text.startswith(
        "We found no ISEE valid on 20/11/2025 of the kinds the call accepts (ordinary "
        "(ordinario), current (corrente))")
    assert said["isee_out_of_range"].text.startswith("We have no valid ISEE. So we could not check")


def test_arrears_with_a_repayment_plan_and_aid_that_covers_the_costs_are_explained():
    facts = household(arrears="800.00", repayment_plan=True)
    facts = rules.Household(**{**facts.__dict__, "charges": [
        Charge(SEASON, "actual", Decimal("500.00"), Decimal("500.00"))]})

    said = sentences(facts)

    assert said["arrears"].passed
    assert ("You have signed a repayment plan, so you can get the contribution"
            in said["arrears"].text)
    assert not said["no_heating_costs"].passed
    assert "Other heating help already pays all of it (500.00\N{NO-BREAK SPACE}€)" in \
        said["no_heating_costs"].text
    assert "500.00\N{NO-BREAK SPACE}€ (actual (consuntivo))" in said["no_heating_costs"].text


def test_other_aid_is_taken_off_the_costs_in_the_sentence():
    facts = household()
    facts = rules.Household(**{**facts.__dict__, "charges": [
        Charge(SEASON, "actual", Decimal("900.00"), Decimal("100.00"))]})

    said = sentences(facts)

    assert said["no_heating_costs"].text == (
        "Your heating costs for the 2025-26 season are 900.00\N{NO-BREAK SPACE}€ (actual "
        "(consuntivo)). We take off 100.00\N{NO-BREAK SPACE}€ of other heating help. We work "
        "out the contribution on 800.00\N{NO-BREAK SPACE}€.")


def test_a_rule_without_legal_reference_still_gives_its_date():
    said = sentences(household(), params=FIRST_CALL)

    assert "(rule in force from 01/11/2025)" in said["isee_out_of_range"].text


@pytest.mark.parametrize("facts", [
    household(),
    household(band="decadenza", isee=None, arrears="10", charges=()),
    household(isee="9360.00", tenancy_start=dt.date(2025, 1, 1)),
])
def test_italian_rendering_gives_a_sentence_for_every_check(facts):
    said = sentences(facts, language="it")

    assert len(said) == 7
    assert all(sentence.text for sentence in said.values())


def test_every_reason_code_has_a_label_and_parameters_read_plainly():
    with translation.override("en"):
        assert set(REASON_LABELS) == set(rules.REASONS)
        assert str(REASON_LABELS["arrears"]) == "Rent arrears without a repayment plan"
        assert format_parameter("share", "0.50") == "50\N{NO-BREAK SPACE}%"
        assert format_parameter("share", "0.125") == "12.5\N{NO-BREAK SPACE}%"
        assert format_parameter("eligible_bands", ["protezione", "accesso"]) == (
            "protection (protezione), access (accesso)")
        assert format_parameter("min_tenancy_months", 12) == "12 months"
        assert format_parameter("arrears_exclude_without_plan", True) == "yes"
        assert format_parameter("allocation_rule", "isee_ascending") == (
            "ranking by ISEE, lowest first")
    with translation.override("it"):
        assert format_parameter("isee_max", "15000.00") == "15.000,00\N{NO-BREAK SPACE}€"
        assert format_parameter("share", "0.125") == "12,5\N{NO-BREAK SPACE}%"
