"""MoneyField: an amount typed in the page's language, shown back in it, and an implausible
amount refused with how it was read until the person confirms it."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from casa.core.forms import MoneyField


class IseeForm(forms.Form):
    isee = MoneyField(label="ISEE (€)", min_value=0, plausible=(0, 100000))


class BudgetForm(forms.Form):
    budget = MoneyField(label="Budget", required=False)


def form_in(language, data=None, form_class=IseeForm, **kwargs):
    with translation.override(language):
        form = form_class(data, **kwargs)
        form.is_valid()
    return form


@pytest.mark.parametrize(("language", "typed"), [
    ("it", "12000,50"), ("it", "12.000,50"), ("it", "12000.50"), ("it", "€ 12 000,50"),
    ("en", "12000.50"), ("en", "12,000.50"), ("en", "12000,50"),
])
def test_what_people_type_is_read_in_their_language(language, typed):
    form = form_in(language, {"isee": typed})

    assert form.errors == {}
    assert form.cleaned_data["isee"] == Decimal("12000.50")


def test_the_field_tells_how_it_read_the_value_for_a_check_page():
    form = form_in("it", {"isee": "12000.50"})

    assert form.fields["isee"].reading.shown == "12.000,50\u00a0€"
    template = Template("{% load casa %}{{ field|read_as }}")
    assert template.render(Context({"field": form["isee"]})) == "12.000,50\u00a0€"


def test_an_ambiguous_amount_is_refused_with_both_readings():
    form = form_in("en", {"isee": "1.500"})

    assert form.errors["isee"] == [
        "“1.500” can be read in two ways: 1.50\u00a0€ or 1,500.00\u00a0€. For 1.50\u00a0€, "
        "write 1.50; for 1,500.00\u00a0€, write 1500."]


def test_an_implausible_amount_shows_how_it_was_read_and_how_to_write_it():
    form = form_in("en", {"isee": "1200050"})

    [message] = form.errors["isee"]
    assert message.startswith("We read 1,200,050.00\u00a0€: more than expected here (up to "
                              "100,000.00\u00a0€).")
    assert "12000.50" in message
    assert form.fields["isee"].implausible == Decimal("1200050.00")


def test_the_confirmation_box_keeps_an_implausible_amount():
    first = form_in("it", {"isee": "1200050"})
    with translation.override("it"):
        html = render_to_string("core/includes/field.html", {"field": first["isee"]})
    assert 'name="isee_confirmed"' in html and 'value="1200050.00"' in html
    assert 'id="id_isee_confirmed"' in html and 'for="id_isee_confirmed"' in html

    confirmed = form_in("it", {"isee": "1200050", "isee_confirmed": "1200050.00"})

    assert confirmed.errors == {}
    assert confirmed.cleaned_data["isee"] == Decimal("1200050.00")


def test_a_confirmation_of_another_amount_does_not_keep_a_new_one():
    form = form_in("it", {"isee": "3000000", "isee_confirmed": "1200050.00"})

    assert [error.code for error in form.errors.as_data()["isee"]] == ["implausible"]


def test_the_plausibility_can_be_a_function_set_per_form():
    with translation.override("en"):
        form = IseeForm({"isee": "20000"})
        form.fields["isee"].plausible = lambda value: value < 15000
        assert not form.is_valid()
    assert "an unusual value here" in form.errors["isee"][0]


@pytest.mark.parametrize(("language", "shown"), [("it", "9.360,01"), ("en", "9,360.01")])
def test_an_initial_amount_is_shown_in_the_page_language(language, shown):
    for initial in (Decimal("9360.01"), "9360.01"):
        with translation.override(language):
            html = str(IseeForm(initial={"isee": initial})["isee"])
        assert f'value="{shown}"' in html
        assert 'inputmode="decimal"' in html


def test_what_was_typed_is_shown_back_as_typed():
    form = form_in("it", {"isee": "12000.5x"})

    with translation.override("it"):
        html = str(form["isee"])
    assert 'value="12000.5x"' in html
    assert form.errors["isee"][0].startswith("Non")


def test_limits_are_written_in_the_page_language():
    class Share(forms.Form):
        share = MoneyField(max_value=100)

    form = form_in("it", {"share": "150"}, form_class=Share)

    assert "100,00\u00a0€" in form.errors["share"][0]


def test_an_empty_optional_amount_is_none():
    form = form_in("it", {"budget": "  "}, form_class=BudgetForm)

    assert form.errors == {}
    assert form.cleaned_data["budget"] is None
    assert form_in("it", {"isee": ""}).errors["isee"]
