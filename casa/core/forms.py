"""Form fields every CASA app uses: `MoneyField`, an amount in euro as people type it in their
language (casa.core.money reads it), with an optional plausibility check that shows how the
value was read and lets the person confirm it; `PercentField` on the same reading; date and
time inputs that use the browser's pickers."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .money import (
    EXAMPLE,
    AmountError,
    ambiguity_message,
    canonical,
    format_amount,
    format_euro,
    input_example,
    parse_amount,
    separators,
)

CONFIRMED_SUFFIX = "_confirmed"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)
PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")


def local_datetime(day, time):
    """A day and a time typed on a form, as the aware moment in CASA's time zone
    (settings.TIME_ZONE, Europe/Rome), whatever zone is active. ValidationError (Django's
    "Enter a valid date.") for a day at the ends of the calendar (year 1, 9999), where the
    moment cannot be written in UTC."""
    try:
        moment = timezone.make_aware(dt.datetime.combine(day, time),
                                     ZoneInfo(settings.TIME_ZONE))
        moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ValidationError(forms.DateField.default_error_messages["invalid"],
                              code="invalid") from None
    return moment


def add_service_errors(form, error: ValidationError, field_names=None):
    """Put a service's ValidationError messages next to the form's fields (form-wide when the
    form has no such field); `field_names` maps the service's keys to the form's names where
    they differ."""
    field_names = field_names or {}
    messages = (error.message_dict if hasattr(error, "error_dict")
                else {None: error.messages})
    for key, texts in messages.items():
        field = field_names.get(key, key)
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


class TypedAmount(str):
    """The text of a money input, with the value its confirmation checkbox sent (if any)."""

    confirmation = None


class MoneyInput(forms.TextInput):
    """A text input for an amount: the decimal keyboard on phones, and a value shown in the
    page's language (9.360,01 in Italian, never 9360.01). What a person typed is shown back as
    typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off",
                          "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        # An initial value written as code writes it ("9360.01") is a number; what a person
        # typed (TypedAmount) is shown as typed.
        if (isinstance(value, str) and not isinstance(value, TypedAmount)
                and PLAIN_NUMBER.fullmatch(value.strip())):
            value = Decimal(value.strip())
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_amount(value)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        text = data.get(name)
        if text is None:
            return None
        typed = TypedAmount(text)
        typed.confirmation = data.get(name + CONFIRMED_SUFFIX)
        return typed


class MoneyField(forms.Field):
    """An amount in euro with two decimals (a Decimal), read in the active language by
    `casa.core.money.parse_amount`: 12000,50, 12.000,50 and 12000.50 are all twelve thousand
    euro and fifty cents in Italian; an ambiguous value (1,500) is refused with both readings.

    `plausible` is a (low, high) pair or a callable taking the Decimal and returning whether it
    is plausible; it can be set per form (`form.fields["isee"].plausible = (...)`). An
    implausible value is refused with a message saying how it was read, and the field offers a
    checkbox, `<name>_confirmed`, with which the person keeps it.

    After cleaning, `field.reading` is how the value was read (`reading.shown` is
    "12.000,50 €"), for a page that shows it back before saving."""

    widget = MoneyInput

    def __init__(self, *, min_value=None, max_value=None, max_digits=12, plausible=None,
                 implausible_message=None, **kwargs):
        self.min_value = None if min_value is None else Decimal(str(min_value))
        self.max_value = None if max_value is None else Decimal(str(max_value))
        self.max_digits = max_digits
        self.plausible = plausible
        self.implausible_message = implausible_message
        self.reading = None  # how the cleaned value was read
        self.implausible = None  # a value read but not plausible, that the person may keep
        super().__init__(**kwargs)

    # --- Reading ---------------------------------------------------------------------------

    def _read(self, value):
        """(Decimal or None, Reading or None); ValidationError when it cannot be read."""
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None, None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value).quantize(Decimal("0.01")), None
        try:
            reading = parse_amount(str(value), language=get_language())
        except AmountError as error:
            raise ValidationError(error.message, code=error.code) from None
        if reading.ambiguous:
            raise ValidationError(ambiguity_message(reading), code="ambiguous")
        return reading.value, reading

    def to_python(self, value):
        return self._read(value)[0]

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value >= Decimal(10) ** (self.max_digits - 2):
            raise ValidationError(_("%(amount)s is too large here.")
                                  % {"amount": format_euro(value)}, code="max_digits")
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(_("We read %(amount)s: the amount must be at least "
                                    "%(limit)s.") % {"amount": format_euro(value),
                                                     "limit": format_euro(self.min_value)},
                                  code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(_("We read %(amount)s: the amount can be at most "
                                    "%(limit)s.") % {"amount": format_euro(value),
                                                     "limit": format_euro(self.max_value)},
                                  code="max_value")

    def clean(self, value):
        self.reading = self.implausible = None
        amount, reading = self._read(value)
        self.validate(amount)
        self.run_validators(amount)
        if amount is not None and not self.is_plausible(amount):
            self.implausible = amount
            if getattr(value, "confirmation", None) != canonical(amount):
                raise ValidationError(self.implausible_text(amount), code="implausible")
        self.reading = reading
        return amount

    # --- Plausibility ----------------------------------------------------------------------

    def is_plausible(self, amount):
        if self.plausible is None:
            return True
        if callable(self.plausible):
            return bool(self.plausible(amount))
        low, high = self.plausible
        return ((low is None or amount >= Decimal(str(low)))
                and (high is None or amount <= Decimal(str(high))))

    def implausible_text(self, amount):
        """"We read 1.200.050,00 €, more than expected here (...). If that is right, ...": how
        the value was read, why it looks wrong, how to keep it and how to write it."""
        values = {"amount": format_euro(amount), "separator": separators(get_language())[0],
                  "example": input_example(EXAMPLE)}
        if self.implausible_message:
            why = str(self.implausible_message)
        elif callable(self.plausible):
            why = _("an unusual value here")
        else:
            low, high = self.plausible
            if high is not None and amount > Decimal(str(high)):
                why = _("more than expected here (up to %(high)s)") % {
                    "high": format_euro(high)}
            else:
                why = _("less than expected here (at least %(low)s)") % {
                    "low": format_euro(low)}
        return _("We read %(amount)s: %(why)s. If that is right, tick the box to confirm it. "
                 "If not, write the amount again with “%(separator)s” before the cents, for "
                 "example %(example)s.") % {**values, "why": why}

    def confirmation(self, bound_field):
        """The confirmation checkbox for the template (see the `money_confirmation` filter)."""
        if self.implausible is None:
            return None
        value = canonical(self.implausible)
        return {
            "name": bound_field.html_name + CONFIRMED_SUFFIX,
            "id": f"{bound_field.auto_id}{CONFIRMED_SUFFIX}" if bound_field.auto_id else "",
            "value": value,
            "checked": getattr(bound_field.data, "confirmation", None) == value,
            "label": _("Yes, the amount is %(amount)s") % {
                "amount": format_euro(self.implausible)},
        }

    def draft_value(self, text, language):
        """What was typed before a language switch (casa/core/drafts.py), for the page in the
        new language: the amount when it reads unambiguously in the language it was typed
        in (12.000 in Italian comes back as 12,000.00 in English), else the text as typed."""
        try:
            reading = parse_amount(text, language=language or get_language())
        except AmountError:
            return text
        return text if reading.ambiguous else reading.value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            amount = self.to_python(data)
            initial = self.to_python(initial)
        except ValidationError:
            return True
        return amount != initial


class PercentInput(MoneyInput):
    """A percentage typed as people write it (50, 50,5 in Italian), shown in the page's
    language."""


class PercentField(forms.Field):
    """A percentage from 0 to 100 with at most two decimals (a Decimal: 50.5 means 50,5 %),
    read in the active language by the same reader as amounts, so 50,5 and 50.5 are both
    fifty and a half in Italian, and an ambiguous value is refused with both readings."""

    widget = PercentInput

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        text = str(value).replace("%", "")
        try:
            reading = parse_amount(text, language=get_language())
        except AmountError as error:
            raise ValidationError(_("Write a percentage, for example 50 or %(example)s.") % {
                "example": format_amount(Decimal("50.5"), grouping=False)},
                code=error.code) from None
        if reading.ambiguous:
            raise ValidationError(_("“%(text)s” can be read two ways: write the percentage "
                                    "without a thousands separator, for example "
                                    "%(example)s.") % {
                "text": text.strip(),
                "example": format_amount(Decimal("50.5"), grouping=False)}, code="ambiguous")
        return reading.value.normalize() if reading.value else reading.value

    def draft_value(self, text, language):
        return text
