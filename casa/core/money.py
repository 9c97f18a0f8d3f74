"""Money as people read it: `1.234,56 €` in Italian, in the active language's format. The one
formatting of amounts, for templates (the `euro` filter), messages and letters alike."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

CENT = Decimal("0.01")


def format_euro(value) -> str:
    """An amount in euro in the active language: 1.234,56 € (Italian), "—" when empty."""
    if value is None or value == "":
        return "—"
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{number_format(amount, 2, force_grouping=True)}\N{NO-BREAK SPACE}€"
