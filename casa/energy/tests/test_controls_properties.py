"""The money controls as pure functions (casa/energy/controls.py), tried exhaustively: four
eyes, the budget check, segregation of duties and the waiting list's strict ranking."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from casa.energy import controls
from casa.energy.controls import Candidate, Conflict, Duty, Participation

cents = st.integers(min_value=0, max_value=100_000).map(lambda n: Decimal(n) / 100)


def test_an_amount_exactly_at_the_threshold_needs_no_second_person():
    threshold = Decimal("300.00")
    assert not controls.four_eyes_required(Decimal("300.00"), previous=Decimal("0"),
                                           threshold=threshold, already_confirmed=Decimal("0"))
    assert controls.four_eyes_required(Decimal("300.01"), previous=Decimal("0"),
                                       threshold=threshold, already_confirmed=Decimal("0"))


def test_an_increase_from_below_to_above_the_threshold_needs_a_second_person():
    """The recomputation that raised 284.48 € to 600 € with nobody confirming."""
    assert controls.four_eyes_required(Decimal("600.00"), previous=Decimal("284.48"),
                                       threshold=Decimal("300.00"),
                                       already_confirmed=Decimal("0"))


@given(amount=cents, previous=cents, threshold=cents, confirmed=cents)
def test_four_eyes_is_required_exactly_for_unconfirmed_increases_above_the_threshold(
        amount, previous, threshold, confirmed):
    required = controls.four_eyes_required(amount, previous=previous, threshold=threshold,
                                           already_confirmed=confirmed)
    assert required == (amount > previous and amount > threshold and amount > confirmed)
    if amount <= previous:
        assert not required  # a decrease, or no change, never waits


@given(increase=st.integers(-100_000, 100_000).map(lambda n: Decimal(n) / 100), left=cents)
def test_the_budget_fits_exactly_when_the_increase_is_at_most_what_is_left(increase, left):
    assert controls.fits_budget(increase, left=left) == (increase <= left)


def test_the_whole_budget_left_can_be_committed_but_not_a_cent_more():
    assert controls.fits_budget(Decimal("100.00"), left=Decimal("100.00"))
    assert not controls.fits_budget(Decimal("100.01"), left=Decimal("100.00"))


def test_an_overpayment_stays_committed_until_it_is_recovered():
    assert controls.commitment(Decimal("50.00"), paid=Decimal("150.00")) == Decimal("150.00")
    assert controls.commitment(Decimal("200.00"), paid=Decimal("150.00")) == Decimal("200.00")


# --- Segregation of duties --------------------------------------------------------------------

DESK, OFFICER, APPROVER, OTHER = "desk", "officer", "approver", "other"
FILED = Participation(filed_at_desk_by=DESK, deciders=frozenset({OFFICER}),
                      confirmers=frozenset({APPROVER}), pending_decided_by=OFFICER)


def test_whoever_filed_at_the_desk_decides_nothing_on_the_application():
    for duty in Duty:
        assert controls.duty_conflict(duty, DESK, FILED) == Conflict.FILED_AT_DESK


def test_the_confirmer_is_not_the_decider():
    assert controls.duty_conflict(Duty.CONFIRM, OFFICER, FILED) == Conflict.OWN_DECISION
    assert controls.duty_conflict(Duty.CONFIRM, OTHER, FILED) is None


def test_an_appeal_goes_to_someone_who_took_part_in_no_decision():
    assert controls.duty_conflict(Duty.DECIDE_APPEAL, OFFICER, FILED) == Conflict.TOOK_PART
    assert controls.duty_conflict(Duty.DECIDE_APPEAL, APPROVER, FILED) == Conflict.TOOK_PART
    assert controls.duty_conflict(Duty.DECIDE_APPEAL, OTHER, FILED) is None


def test_the_system_acts_on_fixed_rules_and_has_no_conflict():
    for duty in Duty:
        assert controls.duty_conflict(duty, None, FILED) is None


# --- The waiting list -------------------------------------------------------------------------

def test_the_ranking_puts_the_lowest_isee_first_then_the_earliest_and_no_isee_last():
    day = dt.datetime(2025, 11, 20, 12, 0)
    items = [controls.Waiting("late-low", Decimal("10000"), day + dt.timedelta(hours=1), 4),
             controls.Waiting("none", None, day, 1),
             controls.Waiting("high", Decimal("14000"), day, 2),
             controls.Waiting("early-low", Decimal("10000"), day, 3)]
    assert [i.key for i in controls.ranking(items, controls.ISEE_ASCENDING)] == [
        "early-low", "late-low", "high", "none"]
    assert [i.key for i in controls.ranking(items, controls.SUBMISSION_ORDER)] == [
        "none", "high", "early-low", "late-low"]


def test_a_larger_first_application_that_does_not_fit_stops_the_allocation():
    ranked = [Candidate("a", True, Decimal("500")), Candidate("b", True, Decimal("100"))]
    assert controls.allocate(ranked, left=Decimal("300")) == []


def test_an_ineligible_application_is_skipped_and_does_not_stop_the_others():
    ranked = [Candidate("a", False, Decimal("0")), Candidate("b", True, Decimal("100")),
              Candidate("c", True, Decimal("100"))]
    assert controls.allocate(ranked, left=Decimal("200")) == ["b", "c"]


candidates = st.lists(st.tuples(st.booleans(), cents), max_size=12).map(
    lambda items: [Candidate(i, eligible, amount) for i, (eligible, amount) in
                   enumerate(items)])


@given(ranked=candidates, left=cents)
def test_the_allocation_is_a_prefix_of_the_eligible_ranking_within_the_budget(ranked, left):
    approved = controls.allocate(ranked, left=left)
    eligible = [c for c in ranked if c.eligible]
    assert approved == [c.key for c in eligible[:len(approved)]]  # strict: a prefix
    amounts = {c.key: c.amount for c in ranked}
    assert sum((amounts[key] for key in approved), Decimal(0)) <= left  # never overspent
    if len(approved) < len(eligible):  # it stopped only because the next did not fit
        spent = sum((amounts[key] for key in approved), Decimal(0))
        assert eligible[len(approved)].amount > left - spent


def test_the_allocation_reads_a_generator_only_as_far_as_it_goes():
    seen = []

    def ranked():
        for key, amount in (("a", "100"), ("b", "500"), ("c", "10")):
            seen.append(key)
            yield Candidate(key, True, Decimal(amount))

    assert controls.allocate(ranked(), left=Decimal("300")) == ["a"]
    assert seen == ["a", "b"]
