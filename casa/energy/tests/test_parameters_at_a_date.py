import datetime as dt
from decimal import Decimal

import pytest

from casa.energy.rules import MissingParameter, ParameterValue, parameters_at

BASE = [
    ParameterValue("eligible_bands", ["protezione", "accesso"], dt.date(2025, 11, 1)),
    ParameterValue("isee_min", "9360.01", dt.date(2025, 11, 1)),
    ParameterValue("isee_max", "15000.00", dt.date(2025, 11, 1), "DGR XII/1234 del 2025"),
    ParameterValue("isee_max", "25000.00", dt.date(2026, 2, 23), "DGR XII/5678 del 23/02/2026"),
    ParameterValue("isee_kinds", ["ordinario", "corrente"], dt.date(2025, 11, 1)),
    ParameterValue("min_tenancy_months", 12, dt.date(2025, 11, 1)),
    ParameterValue("arrears_exclude_without_plan", True, dt.date(2025, 11, 1)),
    ParameterValue("share", "0.50", dt.date(2025, 11, 1)),
    ParameterValue("max_amount", "600.00", dt.date(2025, 11, 1)),
    ParameterValue("allocation_rule", "isee_ascending", dt.date(2025, 11, 1)),
]


def test_the_newest_value_in_force_on_the_date_is_used():
    assert parameters_at(BASE, dt.date(2026, 2, 22)).isee_max == Decimal("15000.00")
    raised = parameters_at(BASE, dt.date(2026, 2, 23))
    assert raised.isee_max == Decimal("25000.00")
    assert raised.trace("isee_max")["isee_max"]["legal_reference"] == "DGR XII/5678 del 23/02/2026"


def test_a_date_before_any_value_is_a_clear_error_naming_the_parameters():
    with pytest.raises(MissingParameter) as error:
        parameters_at(BASE, dt.date(2025, 10, 31))

    assert "isee_max" in error.value.names
    assert "2025-10-31" in str(error.value)


def test_a_parameter_without_any_value_is_named():
    history = [p for p in BASE if p.name != "share"]

    with pytest.raises(MissingParameter) as error:
        parameters_at(history, dt.date(2025, 12, 1))

    assert error.value.names == ("share",)
