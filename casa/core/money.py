"""Money as people type it and as CASA shows it: `parse_amount` reads what a person typed in
Italian or English (12.000,50, 12000.50, € 12 000,50) and never guesses silently;
`format_euro` writes 1.234,56 € or 1,234.56 €, the one way CASA shows money.

The rules for Italian (English mirrors them, swapping "," and "."):
- both separators: the last one separates the cents, the other one the thousands, in groups
  of three digits (12.000,50; 12,000.50 is read the same way);
- "," followed by 1 or 2 digits separates the cents (12000,50), and so does "." (12000.50);
- "." followed by exactly 3 digits separates thousands (12.000 is twelve thousand), as do
  spaces (12 000,50) and repeated separators (1.000.000);
- "," followed by exactly 3 digits can be read two ways (1,500: 1,50 € or 1.500,00 €): the
  reading is marked ambiguous and whoever asked must refuse it (`MoneyField` does);
- negative amounts and more than two decimals are refused; "€", "EUR" and "euro" are ignored.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.formats import get_format
from django.utils.numberformat import format as number_format
from django.utils.translation import gettext_lazy as _

from .languages import isolate
from .text import without_bidi_controls

CENT = Decimal("0.01")
# Longer than any amount written with separators and a currency: refuse before parsing.
MAX_LENGTH = 40
MAX_INTEGER_DIGITS = 13
CURRENCY = re.compile(r"^(?:€|eur(?:o)?\b)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
MINUS_SIGNS = "-\u2212\u2012\u2013\u2014\ufe63\uff0d"
SHAPE = re.compile(r"[0-9]+(?:[ .,][0-9]+)*")

# Examples in the messages, written in the reader's language when the message is built.
EXAMPLE = Decimal("12000.50")

MESSAGES = {
    "empty": _("Enter an amount in euro, for example %(example)s."),
    "negative": _("The amount cannot be negative: write it without the minus sign."),
    "unreadable": _("We cannot read “%(text)s” as an amount in euro. Write digits only, for "
                    "example %(example)s."),
    "grouping": _("We cannot read “%(text)s”. Write thousands in groups of three digits, like "
                  "%(grouped)s. Or write the amount without them, like %(example)s."),
    "decimals": _("“%(text)s” has more than two decimals: write at most the cents, for "
                  "example %(example)s."),
    "three_decimals": _("“%(text)s” has three digits after “%(separator)s”, but an amount has "
                        "at most two decimals. If you meant %(reading)s, write %(write)s."),
    "too_large": _("“%(text)s” is too large for an amount in euro."),
}
AMBIGUOUS = _("“%(text)s” can be read in two ways: %(first)s or %(second)s. For %(first)s, "
              "write %(write_first)s; for %(second)s, write %(write_second)s.")


def separators(language: str) -> tuple[str, str]:
    """(decimal separator, thousands separator) of `language`: (",", ".") in Italian."""
    return (get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
            get_format("THOUSAND_SEPARATOR", language, use_l10n=True))


def _language(language):
    return language or translation.get_language() or "it"


def _quantize(value) -> Decimal:
    if isinstance(value, float):
        value = str(value)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value, language=None, *, grouping=True) -> str:
    """An amount with two decimals in `language` (default: the active one), without the
    currency: "9.360,01" in Italian, "9,360.01" in English; "9360,01" without grouping. This
    is how a money input shows its value."""
    decimal_sep, thousand_sep = separators(_language(language))
    return number_format(_quantize(value), decimal_sep, decimal_pos=2, grouping=3,
                         thousand_sep=thousand_sep, force_grouping=grouping)


def format_euro(value, language=None) -> str:
    """Money as CASA shows it: "1.234,56 €" in Italian, "1,234.56 €" in English (a no-break
    space before the sign); "—" for no value. In a right-to-left language (Arabic) it is
    isolated left to right (languages.isolate). The `euro` template filter calls it."""
    if value is None or value == "":
        return "—"
    return isolate(f"{format_amount(value, language)}\N{NO-BREAK SPACE}€", language)


def input_example(value, language=None) -> str:
    """How to type `value` so that it cannot be misread: 1500 for a whole amount, 1,50 (in
    Italian) otherwise. No thousands separators."""
    value = _quantize(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format_amount(value, language, grouping=False)


@dataclass(frozen=True)
class Reading:
    """How a typed amount was read. `value` has two decimals. When the text can be read two
    ways, `readings` holds both (the first is `value`, the reading of the language's own
    convention) and `ambiguous` is true: a caller must not take the value without asking."""

    text: str
    value: Decimal
    language: str
    decimal_separator: str | None = None  # the separator read before the cents, if any
    grouping_separator: str | None = None  # the separator read between thousands, if any
    readings: tuple[Decimal, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1

    @property
    def shown(self) -> str:
        """The value as CASA shows it, in the language it was read in: "read as 12.000,50 €"."""
        return format_euro(self.value, self.language)


class AmountError(ValueError):
    """A text that is not an amount. `message` says why, in the language the text was read
    in, with an example of how to write it; `code` names the reason."""

    def __init__(self, code, text, language, **params):
        self.code = code
        self.text = text
        self.language = language
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        language = self.language
        text = self.text.strip()
        if len(text) > MAX_LENGTH:
            text = text[:MAX_LENGTH] + "…"
        values = {"text": text, "example": input_example(EXAMPLE, language),
                  "grouped": format_amount(EXAMPLE, language), **self.params}
        with translation.override(language):
            return str(MESSAGES[self.code]) % values

    def __str__(self):
        return self.message


def ambiguity_message(reading: Reading) -> str:
    """The message for an ambiguous reading: both readings and how to write each."""
    language = reading.language
    first, second = reading.readings[:2]
    with translation.override(language):
        return str(AMBIGUOUS) % {
            "text": reading.text.strip(),
            "first": format_euro(first, language), "second": format_euro(second, language),
            "write_first": input_example(first, language),
            "write_second": input_example(second, language)}


def _normalise(text: str) -> str:
    """Digits of any script as ASCII digits, runs of spaces as one space, the currency gone."""
    chars = []
    for char in without_bidi_controls(text):  # an amount copied from an Arabic page
        if char.isspace():
            chars.append(" ")
        elif unicodedata.category(char) == "Nd":
            chars.append(str(unicodedata.decimal(char)))
        else:
            chars.append(char)
    plain = re.sub(r" +", " ", "".join(chars)).strip()
    previous = None
    while previous != plain:  # "€ 12,50 EUR" has two
        previous, plain = plain, CURRENCY.sub("", plain).strip()
    return plain


def _groups_are_valid(runs) -> bool:
    """Thousands groups: a first group of 1-3 digits not starting with 0, then groups of 3."""
    first, rest = runs[0], runs[1:]
    return (1 <= len(first) <= 3 and (first[0] != "0")
            and all(len(run) == 3 for run in rest))


def parse_amount(text: str, *, language: str) -> Reading:
    """Read an amount in euro typed by a person whose page is in `language`. Returns a Reading
    (check `ambiguous`) or raises AmountError with a message for that person."""
    decimal_sep, group_sep = separators(language)
    text = "" if text is None else str(text)

    def fail(code, **params):
        return AmountError(code, text, language, **params)

    if len(text) > MAX_LENGTH:
        raise fail("unreadable")
    plain = _normalise(text)
    if not plain:
        raise fail("empty")
    if plain[0] in MINUS_SIGNS:
        raise fail("negative")
    if re.fullmatch(r"[.,][0-9]{1,2}", plain):  # ",50": fifty cents
        plain = "0" + plain
    if not SHAPE.fullmatch(plain):
        raise fail("unreadable")

    runs = re.split(r"[ .,]", plain)
    seps = re.findall(r"[ .,]", plain)
    puncts = [sep for sep in seps if sep != " "]

    def value_of(integer_runs, decimals=""):
        integer = "".join(integer_runs).lstrip("0") or "0"
        if len(integer) > MAX_INTEGER_DIGITS:
            raise fail("too_large")
        cents = decimals.rstrip("0")
        if len(cents) > 2:
            raise fail("decimals")
        return Decimal(f"{integer}.{cents or '0'}").quantize(CENT)

    def reading(value, decimal=None, grouping=None, readings=()):
        return Reading(text=text, value=value, language=language, decimal_separator=decimal,
                       grouping_separator=grouping, readings=tuple(readings))

    if not seps:
        return reading(value_of(runs))

    if not puncts:  # "12 000": spaces between thousands
        if not _groups_are_valid(runs):
            raise fail("grouping")
        return reading(value_of(runs), grouping=" ")

    if len(set(puncts)) == 2:  # "12.000,50" / "12,000.50": the last one before the cents
        decimal = seps[-1]
        grouping = set(seps[:-1])
        if decimal == " " or puncts.count(decimal) != 1 or len(grouping) != 1:
            raise fail("grouping")
        if not _groups_are_valid(runs[:-1]):
            raise fail("grouping")
        return reading(value_of(runs[:-1], runs[-1]), decimal, grouping.pop())

    sep = puncts[0]
    if len(puncts) > 1:  # "1.000.000": only thousands
        if " " in seps or not _groups_are_valid(runs):
            raise fail("grouping")
        return reading(value_of(runs), grouping=sep)

    # One "," or "." and maybe spaces between thousands before it.
    if seps[-1] != sep:
        raise fail("grouping")
    integer_runs, decimals = runs[:-1], runs[-1]
    spaced = len(seps) > 1
    if spaced and not _groups_are_valid(integer_runs):
        raise fail("grouping")
    if len(decimals) != 3:
        return reading(value_of(integer_runs, decimals), sep, " " if spaced else None)

    # Three digits after the only separator: thousands, or cents with a trailing zero?
    if spaced:  # "12 000.000": spaces and a separator between thousands, mixed
        raise fail("grouping")
    as_thousands = value_of(runs) if _groups_are_valid(runs) else None
    as_cents = value_of(integer_runs, decimals) if decimals.endswith("0") else None
    if sep == group_sep:  # "12.000" in Italian: thousands, when it can be
        if as_thousands is not None:
            return reading(as_thousands, grouping=sep)
        if as_cents is not None:
            return reading(as_cents, sep)
        raise fail("decimals")
    # The language's own decimal separator: "1,500" in Italian.
    if as_cents is not None and as_thousands is not None:
        return reading(as_cents, sep, readings=(as_cents, as_thousands))
    if as_cents is not None:
        return reading(as_cents, sep)
    if as_thousands is not None:
        raise fail("three_decimals", separator=sep,
                   reading=format_euro(as_thousands, language),
                   write=input_example(as_thousands, language))
    raise fail("decimals")


def canonical(value: Decimal) -> str:
    """A language-independent spelling of an amount ("1200050.00"), for hidden values such
    as a confirmation checkbox."""
    return f"{_quantize(value):.2f}"
