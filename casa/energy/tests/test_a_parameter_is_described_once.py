"""A call parameter is described once (parameters.SPECS): the new-call form, the dated-value
form, the what-if form and the service give the same label and the same message for the same
check, and the pages describe a value the same way."""

import pytest
from django.core.exceptions import ValidationError

from casa.energy import parameters, rules
from casa.energy.explain import format_parameter
from casa.energy.forms import CallForm, ParameterValueForm
from casa.energy.services import clean_parameter
from casa.energy.whatif import WhatIfForm

pytestmark = pytest.mark.usefixtures("english")

# name -> (a bad value as a form posts it, as the service receives it). Amounts are not here:
# how an amount is typed is casa.core.money's to say (a form never reaches the range check
# with a negative amount), and the stored value's check is the service's.
BAD = {
    "share": ("0", "0"),
    "min_tenancy_months": ("601", 601),
    "eligible_bands": ([], []),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_every_form_and_the_service_give_the_same_message_for_the_same_check(name):
    posted, stored = BAD[name]
    with pytest.raises(ValidationError) as error:
        clean_parameter(name, stored)
    service_message = error.value.message_dict[name]

    call_form = CallForm({name: posted})
    call_form.is_valid()
    value_form = ParameterValueForm({"name": name, "value": posted}, parameter=name)
    value_form.is_valid()
    messages = [call_form.errors[name], value_form.errors["value"]]
    if name in parameters.SIMULATED:
        whatif = WhatIfForm({name: posted})
        whatif.is_valid()
        messages.append(whatif.errors[name])
    for message in messages:
        assert message == service_message


def test_every_parameter_has_a_label_a_field_and_a_description():
    assert list(parameters.SPECS) == list(rules.PARAMETERS)
    form = CallForm()
    for name, spec in parameters.SPECS.items():
        assert str(form.fields[name].label).lower() == str(spec.label).lower()
    assert format_parameter("share", "0.5") == "50\N{NO-BREAK SPACE}%"
    assert format_parameter("max_amount", "600.00") == "600.00\N{NO-BREAK SPACE}€"
    assert format_parameter("min_tenancy_months", 12) == "12 months"


def test_a_share_is_asked_in_per_cent_and_stored_as_a_fraction():
    spec = parameters.SPECS["share"]
    assert spec.from_form(spec.to_form("0.505")) == "0.505"
    form = CallForm({"share": "50,5"})
    form.is_valid()
    assert "share" not in form.errors or form.errors["share"] != [parameters.Share.MESSAGE]


def test_the_minimum_and_maximum_isee_are_checked_together_once():
    errors = parameters.consistency_errors({"isee_min": "16000.00", "isee_max": "15000.00"})
    assert errors == {"isee_min": "The minimum ISEE is above the maximum.",
                      "isee_max": "The maximum ISEE is below the minimum."}
    whatif = WhatIfForm({"isee_min": "16000", "isee_max": "15000"})
    whatif.is_valid()
    assert whatif.errors["isee_min"] == [errors["isee_min"]]
