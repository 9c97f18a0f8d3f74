"""Formatting for CASA pages: money as 1.234,56 € (Italian) or 1,234.56 € (English)."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value):
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number_format(amount, 2, force_grouping=True)}\N{NO-BREAK SPACE}€"
