"""The what-if simulation over the register: changed values side by side with the call as it
is, from one read of the register, with nothing saved."""

import datetime as dt
from decimal import Decimal

from casa.core.models import AuditEvent
from casa.energy.demo import create_demo_call
from casa.energy.models import Call, CallParameter
from casa.energy.tests.backoffice import ON, give
from casa.energy.whatif import simulate
from casa.registry.models import Household, Unit


def household(register, code, *, band="protezione", isee=None, charge="900.00",
              arrears="0", hub="san-siro"):
    """A household in the San Siro (or Lorenteggio) building, with an ISEE and a charge."""
    building = register["households"]["H001" if hub == "san-siro" else "H002"].unit.building
    unit = Unit.objects.create(code=f"U-{code}", building=building)
    hh = Household.objects.create(code=code, unit=unit, tenancy_start=dt.date(2015, 3, 1),
                                  rent_band=band, arrears_eur=Decimal(arrears))
    give(hh, isee=isee, charge=charge)
    return hh


def test_raising_the_isee_maximum_adds_exactly_the_households_up_to_the_new_maximum(register):
    call = create_demo_call(today=ON)
    household(register, "IN-14000", isee="14000.00")
    household(register, "IN-15000", isee="15000.00")  # the old maximum, included
    household(register, "NEW-15000.01", isee="15000.01", charge="1000.00")
    household(register, "NEW-25000", isee="25000.00", charge="700.00")
    household(register, "OUT-25000.01", isee="25000.01")
    household(register, "OUT-BAND", isee="20000.00", band="permanenza")
    household(register, "OUT-ARREARS", isee="20000.00", arrears="50.00")
    household(register, "OUT-NO-COSTS", isee="20000.00", charge=None)

    result = simulate(call=call, on=ON, overrides={"isee_max": "25000.00"})

    assert result.households == 3 + 8
    assert result.total.current.eligible == 2
    assert result.total.simulated.eligible == 4
    assert (result.gained, result.lost) == (2, 0)
    # The two new households: 50 % of 1,000.00 and of 700.00.
    assert result.total.delta_amount == Decimal("500.00") + Decimal("350.00")
    assert result.changed == {"isee_max": ["15000.00", "25000.00"]}


def test_a_share_of_60_percent_raises_every_amount_up_to_the_cap(register):
    call = create_demo_call(today=ON)
    household(register, "A", isee="12000.00", charge="800.00")  # 400.00 -> 480.00
    household(register, "B", isee="12000.00", charge="1100.00", hub="lorenteggio")  # 550 -> 600
    household(register, "C", isee="12000.00", charge="1500.00")  # 600.00 -> 600.00

    result = simulate(call=call, on=ON, overrides={"share": "0.6"})

    assert result.total.current.amount == Decimal("1550.00")
    assert result.total.simulated.amount == Decimal("1680.00")
    assert result.total.current.eligible == result.total.simulated.eligible == 3
    by_hub = {line.label: line for line in result.by_hub}
    assert by_hub["San Siro"].current.amount == Decimal("1000.00")
    assert by_hub["San Siro"].simulated.amount == Decimal("1080.00")
    assert by_hub["Lorenteggio"].delta_amount == Decimal("50.00")
    by_band = {line.key: line for line in result.by_band}
    assert by_band["protezione"].simulated.eligible == 3
    assert by_band["accesso"].simulated.eligible == 0


def test_the_cost_is_compared_with_the_budget_and_an_overspend_is_flagged(register):
    call = create_demo_call(today=ON, budget_eur=Decimal("1000.00"))
    household(register, "A", isee="12000.00", charge="1500.00")  # 600.00

    result = simulate(call=call, on=ON, overrides={"max_amount": "1200.00", "share": "1"})

    assert not result.current_budget.overspent
    assert result.current_budget.remaining == Decimal("400.00")
    assert result.current_budget.share_percent == Decimal("60.0")
    assert result.simulated_budget.overspent
    assert result.simulated_budget.overspend == Decimal("200.00")
    assert result.simulated_budget.share_percent == Decimal("120.0")


def test_a_user_sees_only_the_households_in_their_scope(register, make_user):
    call = create_demo_call(today=ON)
    household(register, "A", isee="12000.00")
    household(register, "B", isee="12000.00", hub="lorenteggio")
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])

    everyone = simulate(call=call, on=ON, overrides={})
    mine = simulate(call=call, on=ON, overrides={}, user=manager)

    assert everyone.total.current.eligible == 2
    assert mine.total.current.eligible == 1
    assert [line.label for line in mine.by_hub] == ["San Siro"]


def test_a_simulation_saves_nothing(register):
    call = create_demo_call(today=ON)
    household(register, "A", isee="20000.00")
    parameters = list(CallParameter.objects.values_list("name", "value", "valid_from"))

    simulate(call=call, on=ON, overrides={"isee_max": "25000.00", "share": "0.7"})

    assert list(CallParameter.objects.values_list("name", "value", "valid_from")) == parameters
    assert Call.objects.count() == 1
    assert not AuditEvent.objects.filter(action="view").exists()
