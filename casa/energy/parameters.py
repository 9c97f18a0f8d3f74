"""A call's parameters, each described once: its name, label, help text, unit, bounds, how it
is validated (one message per check), how a form asks for it, how it is stored and how it reads
on a page. The forms of a new call and of a dated value, the services' validation, the what-if
simulation and the explanations all derive from this table (`SPECS`), as Signalen derives its
workflow and OpenFisca its parameters from one description.

The rule itself (rules.py) stays pure: `rules.PARAMETERS` converts a stored value into what
the rule uses; this table is the Django side (forms, messages, labels).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casa.core.forms import MoneyField, PercentField
from casa.core.money import format_euro
from casa.registry.models import IseeKind, RentBand

from . import rules

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
YES, NO = "yes", "no"

ALLOCATION_LABELS = {
    "isee_ascending": _("ranking by ISEE, lowest first"),
    "submission_order": _("in order of submission"),
}


# --- Kinds of value ---------------------------------------------------------------------------

class Kind:
    """How one kind of value is asked for, checked, stored and shown. `clean` is the one check
    of a stored (or posted) value: forms and services both call it."""

    def field(self, spec, **kwargs) -> forms.Field:
        raise NotImplementedError

    def from_form(self, value):
        """A cleaned form value as stored (JSON)."""
        return value

    def to_form(self, stored):
        """A stored value as a form shows it."""
        return stored

    def clean(self, spec, value):
        raise NotImplementedError

    def describe(self, stored) -> str:
        return str(stored)


class Money(Kind):
    def field(self, spec, **kwargs):
        return MoneyField(**kwargs)  # bounds: `clean`, one message each

    def from_form(self, value):
        return None if value is None else str(Decimal(value).quantize(CENT))

    def to_form(self, stored):
        return Decimal(str(stored))

    def clean(self, spec, value):
        return clean_money(value, name=spec.name)

    def describe(self, stored):
        return format_euro(stored)


def clean_money(value, *, name) -> str:
    """An amount in euro as stored ("1234.50"), or ValidationError({name: message}). Also the
    check of a call's budget and four-eyes threshold."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({name: _("Enter an amount in euro.")}) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT):
        raise ValidationError({name: _(
            "Enter an amount of zero or more, with at most two decimals.")})
    return str(amount.quantize(CENT))


class Share(Kind):
    """A share of the heating costs: stored as a fraction (0.5), asked for in per cent (50)."""

    MESSAGE = _("The share must be above 0 % and at most 100 %.")

    def field(self, spec, **kwargs):
        return PercentField(**kwargs)

    def from_form(self, value):
        return None if value is None else format((Decimal(value) / HUNDRED).normalize(), "f")

    def to_form(self, stored):
        value = (Decimal(str(stored)) * HUNDRED).normalize()
        return value.quantize(Decimal(1)) if value == value.to_integral() else value

    def clean(self, spec, value):
        try:
            share = Decimal(str(value))
        except (InvalidOperation, ValueError):
            share = None
        if share is None or not Decimal(0) < share <= Decimal(1):
            raise ValidationError({spec.name: self.MESSAGE})
        return format(share.normalize(), "f")

    def describe(self, stored):
        value = (Decimal(str(stored)) * HUNDRED).normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
        return f"{number_format(value)}\N{NO-BREAK SPACE}%"


class Months(Kind):
    def __init__(self, maximum=600):
        self.maximum = maximum

    def field(self, spec, **kwargs):
        return forms.IntegerField(**kwargs)

    def clean(self, spec, value):
        try:
            months = int(value)
        except (TypeError, ValueError):
            months = -1
        if isinstance(value, bool) or not 0 <= months <= self.maximum:
            raise ValidationError({spec.name: _("Enter a number of months from 0 to "
                                                "%(maximum)s.") % {"maximum": self.maximum}})
        return months

    def describe(self, stored):
        return ngettext("%(months)s month", "%(months)s months", int(stored)) % {
            "months": stored}


class YesNo(Kind):
    def __init__(self, yes_label=None, no_label=None):
        self.yes_label, self.no_label = yes_label, no_label

    def field(self, spec, **kwargs):
        return forms.ChoiceField(choices=[(YES, self.yes_label or _("Yes")),
                                          (NO, self.no_label or _("No"))],
                                 widget=forms.RadioSelect, **kwargs)

    def from_form(self, value):
        return value == YES if value in (YES, NO) else value

    def to_form(self, stored):
        return YES if stored else NO

    def clean(self, spec, value):
        if not isinstance(value, bool):
            raise ValidationError({spec.name: _("Answer yes or no.")})
        return value

    def describe(self, stored):
        return str(_("yes") if stored else _("no"))


class Several(Kind):
    """One or more of fixed choices (rent bands, ISEE kinds), stored in the choices' order."""

    def __init__(self, choices, message):
        self.choices, self.message = choices, message

    def field(self, spec, **kwargs):
        return forms.MultipleChoiceField(choices=self.choices, widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": self.message}, **kwargs)

    def from_form(self, value):
        return list(value or [])

    def clean(self, spec, value):
        known = [code for code, _label in self.choices]
        chosen = set(value or ()) if not isinstance(value, str) else {value}
        if not chosen or not chosen <= set(known):
            raise ValidationError({spec.name: self.message})
        return [code for code in known if code in chosen]

    def describe(self, stored):
        labels = dict(self.choices)
        return ", ".join(str(labels.get(value, value)) for value in stored)


class OneOf(Kind):
    def __init__(self, labels, message):
        self.labels, self.message = labels, message

    def field(self, spec, **kwargs):
        return forms.ChoiceField(choices=list(self.labels.items()), widget=forms.RadioSelect,
                                 **kwargs)

    def clean(self, spec, value):
        if value not in self.labels:
            raise ValidationError({spec.name: self.message})
        return value

    def describe(self, stored):
        return str(self.labels.get(stored, stored))


# --- The table --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParameterSpec:
    name: str
    label: str
    kind: Kind
    help_text: str = ""
    # The what-if simulation changes it (the allocation rule changes who is paid first when the
    # budget runs out, not who qualifies or how much).
    simulated: bool = True

    def field(self, *, required=True, label=None) -> forms.Field:
        """The form field: its label, help and bounds from here, and `clean` as its check (a
        validator, so that the form says exactly what the service would)."""
        field = self.kind.field(self, label=capfirst(label or self.label), required=required,
                                help_text=self.help_text)
        field.validators.append(self._validate_form_value)
        return field

    def _validate_form_value(self, value):
        try:
            self.clean(self.kind.from_form(value))
        except ValidationError as error:
            raise ValidationError(error.message_dict[self.name]) from None

    def clean(self, value):
        """The value as stored (JSON), or ValidationError({name: message})."""
        return self.kind.clean(self, value)

    def from_form(self, value):
        return self.kind.from_form(value)

    def to_form(self, stored):
        return self.kind.to_form(stored)

    def describe(self, stored) -> str:
        return self.kind.describe(stored)


SPECS = {spec.name: spec for spec in (
    ParameterSpec("eligible_bands", _("eligible rent bands"),
                  Several(RentBand.choices, _("Choose at least one rent band.")),
                  _("The rent bands of art. 31 L.R. 27/2009 whose households may apply.")),
    ParameterSpec("isee_min", _("minimum ISEE (€, included)"), Money()),
    ParameterSpec("isee_max", _("maximum ISEE (€, included)"), Money()),
    ParameterSpec("isee_kinds", _("accepted ISEE kinds"),
                  Several(IseeKind.choices, _("Choose at least one ISEE kind.")),
                  _("A valid corrente replaces the ordinario.")),
    ParameterSpec("min_tenancy_months", _("minimum tenancy (months)"), Months(600)),
    ParameterSpec("arrears_exclude_without_plan",
                  _("arrears exclude unless a repayment plan is signed"),
                  YesNo(_("Yes: arrears exclude unless a repayment plan is signed"),
                        _("No: arrears do not exclude"))),
    ParameterSpec("share", _("share of heating costs (%)"), Share(),
                  _("For example 50 for half of the heating costs.")),
    ParameterSpec("max_amount", _("maximum amount (€)"), Money()),
    ParameterSpec("allocation_rule", _("allocation when requests exceed the budget"),
                  OneOf(ALLOCATION_LABELS, _("Choose an allocation rule.")),
                  simulated=False),
)}
assert list(SPECS) == list(rules.PARAMETERS), "one spec per parameter, in the rule's order"

NAMES = [(name, spec.label) for name, spec in SPECS.items()]
SIMULATED = tuple(name for name, spec in SPECS.items() if spec.simulated)


def label(name) -> str:
    spec = SPECS.get(name)
    return str(spec.label) if spec else name


def describe(name, stored) -> str:
    """A stored value as text for a page."""
    spec = SPECS.get(name)
    return spec.describe(stored) if spec else str(stored)


def clean(name, value):
    """The stored value, or ValidationError({name: message}); an unknown name is refused."""
    spec = SPECS.get(name)
    if spec is None:
        raise ValidationError({"name": _("Unknown parameter.")})
    return spec.clean(value)


def consistency_errors(values: dict) -> dict:
    """Checks across parameters, on stored values: {name: message}."""
    errors = {}
    low, high = values.get("isee_min"), values.get("isee_max")
    if low is not None and high is not None and Decimal(str(low)) > Decimal(str(high)):
        errors["isee_min"] = _("The minimum ISEE is above the maximum.")
        errors["isee_max"] = _("The maximum ISEE is below the minimum.")
    return errors
