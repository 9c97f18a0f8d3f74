import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from casa.core.models import AuditEvent
from casa.energy.demo import DEMO_CALL_CODE, DEMO_PARAMETERS, create_demo_call
from casa.energy.rules import MissingParameter
from casa.energy.services import call_create, call_parameter_set, default_window

TODAY = dt.date(2025, 11, 25)

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def manager(make_user):
    return make_user("programme_manager")


def test_the_demo_call_has_the_first_call_values_and_is_open_today(db):
    call = create_demo_call(today=dt.date.today())

    params = call.params_at(dt.date(2025, 11, 1))
    assert call.code == DEMO_CALL_CODE
    assert params.eligible_bands == {"protezione", "accesso"}
    assert (params.isee_min, params.isee_max) == (Decimal("9360.01"), Decimal("15000.00"))
    assert params.share == Decimal("0.50")
    assert params.max_amount == Decimal("600.00")
    assert params.allocation_rule == "isee_ascending"
    assert call.is_open()


def test_a_manager_raises_the_isee_ceiling_from_a_date_without_touching_the_old_value(manager):
    call = create_demo_call(today=TODAY)

    call_parameter_set(call=call, name="isee_max", value="25000.00",
                       valid_from=dt.date(2026, 2, 23), confirm_past=True,
                       legal_reference="Regione Lombardia, 23/02/2026", acting_user=manager)

    assert call.params_at(dt.date(2026, 2, 22)).isee_max == Decimal("15000.00")
    assert call.params_at(dt.date(2026, 2, 23)).isee_max == Decimal("25000.00")
    event = AuditEvent.objects.filter(target_id=call.code, action="update").get()
    assert event.changes == {"isee_max@2026-02-23": [None, "25000.00"]}
    assert event.actor == manager


def test_a_value_already_in_force_cannot_be_edited(manager):
    call = create_demo_call(today=TODAY)

    with pytest.raises(ValidationError) as error:
        call_parameter_set(call=call, name="share", value="0.60",
                           valid_from=dt.date(2025, 11, 1), acting_user=manager)

    assert "later date" in str(error.value)
    assert call.params_at(dt.date(2025, 12, 1)).share == Decimal("0.50")


def test_a_future_value_not_yet_in_force_can_be_corrected(manager):
    call = create_demo_call(today=TODAY)
    future = dt.date.today() + dt.timedelta(days=30)
    call_parameter_set(call=call, name="share", value="0.60", valid_from=future,
                       acting_user=manager)

    call_parameter_set(call=call, name="share", value="0.55", valid_from=future,
                       acting_user=manager)

    assert call.params_at(future).share == Decimal("0.55")
    assert call.parameters.filter(name="share").count() == 2


def test_a_date_before_the_parameters_is_a_clear_error(db):
    call = create_demo_call(today=TODAY)

    with pytest.raises(MissingParameter) as error:
        call.params_at(dt.date(2025, 10, 1))

    assert set(error.value.names) == set(DEMO_PARAMETERS)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("share", "1.5", "at most 1"),
    ("isee_max", "abc", "amount in euro"),
    ("eligible_bands", ["penthouse"], "rent band"),
    ("min_tenancy_months", -3, "months"),
    ("allocation_rule", "lottery", "allocation rule"),
])
def test_bad_parameter_values_get_a_clear_message_and_nothing_is_saved(manager, name, value,
                                                                         message):
    call = create_demo_call(today=TODAY)
    before = call.parameters.count()

    with pytest.raises(ValidationError) as error:
        call_parameter_set(call=call, name=name, value=value, valid_from=dt.date(2027, 1, 1),
                           acting_user=manager)

    assert message in str(error.value.message_dict[name])
    assert call.parameters.count() == before


def test_a_new_call_needs_every_parameter_and_a_sensible_window(manager):
    opens, closes = default_window(TODAY)

    with pytest.raises(ValidationError) as error:
        call_create(code="energia-2026-27", title="Contributo 2026-27", season="2026-2027",
                    opens_at=closes, closes_at=opens, budget_eur="100000",
                    parameters={"share": "0.5"}, valid_from=dt.date(2026, 11, 1),
                    acting_user=manager)

    errors = error.value.message_dict
    assert {"closes_at", "season", "isee_max", "eligible_bands"} <= set(errors)


def test_a_minimum_above_the_maximum_is_refused(manager):
    with pytest.raises(ValidationError):
        call_create(code="energia-2026-27", title="Contributo 2026-27", season="2026-27",
                    opens_at=default_window(TODAY)[0], closes_at=default_window(TODAY)[1],
                    budget_eur="100000",
                    parameters=DEMO_PARAMETERS | {"isee_min": "20000", "isee_max": "15000"},
                    valid_from=dt.date(2026, 11, 1), acting_user=manager)

    assert not AuditEvent.objects.filter(target_id="energia-2026-27").exists()
