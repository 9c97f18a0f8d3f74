"""`{{ event.starts_at|long_day }}`: the day of an event in words, in CASA's time zone:
"giovedì 3 dicembre 2026" (Italian writes weekdays and months in lower case; Django's
catalogue capitalises them), "Thursday 3 December 2026"."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def long_day(value):
    if value is None:
        return ""
    text = date_format(timezone.localtime(value), "l j F Y")
    return text.lower() if (get_language() or "").startswith("it") else text
