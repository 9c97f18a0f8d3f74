"""Properties of the amount, over generated households and parameters (hypothesis)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from casa.energy.rules import Charge, contribution, evaluate

from .rule_fixtures import FIRST_CALL, ON, SEASON, household

money = st.decimals(min_value=Decimal("0"), max_value=Decimal("20000"), places=2)
shares = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1.00"), places=2)
caps = st.decimals(min_value=Decimal("1"), max_value=Decimal("5000"), places=2)


def with_costs(amount, other_aid=None):
    hh = household()
    return type(hh)(**{**hh.__dict__, "charges": [Charge(SEASON, "estimate", amount, other_aid)]})


@given(costs=money, share=shares, cap=caps)
def test_the_amount_never_exceeds_the_cap_nor_the_share_of_costs(costs, share, cap):
    params = FIRST_CALL.replace(share=str(share), max_amount=str(cap))

    outcome = evaluate(with_costs(costs), params, season=SEASON, on=ON)

    assert outcome.amount <= cap
    assert outcome.amount <= costs * share + Decimal("0.005")
    assert outcome.amount >= 0


@given(low=money, high=money, aid=st.one_of(st.none(), money))
def test_more_heating_costs_never_mean_less_contribution(low, high, aid):
    low, high = sorted([low, high])

    smaller = evaluate(with_costs(low, aid), FIRST_CALL, season=SEASON, on=ON)
    larger = evaluate(with_costs(high, aid), FIRST_CALL, season=SEASON, on=ON)

    assert smaller.amount <= larger.amount
    assert larger.eligible or not smaller.eligible


@given(base=money)
def test_the_amount_is_exactly_half_rounded_half_up_below_the_cap(base):
    expected = min((base / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"),
                   Decimal("600.00"))

    assert contribution(base, FIRST_CALL) == expected


@given(value=st.decimals(min_value=Decimal("0"), max_value=Decimal("40000"), places=2))
def test_isee_eligibility_is_exactly_the_closed_range(value):
    outcome = evaluate(household(isee=str(value)), FIRST_CALL, season=SEASON, on=ON)

    assert outcome.eligible is (Decimal("9360.01") <= value <= Decimal("15000.00"))


@given(days=st.integers(min_value=-800, max_value=800))
def test_tenancy_qualifies_exactly_twelve_months_after_its_start(days):
    start = ON + dt.timedelta(days=days)

    outcome = evaluate(household(tenancy_start=start), FIRST_CALL, season=SEASON, on=ON)

    assert outcome.eligible is (start <= dt.date(2024, 11, 20))
