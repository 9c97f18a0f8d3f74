"""Form inputs shared by every CASA app: dates as the browser's date picker, times, and
amounts in euro as people type them in their language."""

from django import forms
from django.utils.formats import get_format


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class AmountField(forms.DecimalField):
    """A decimal as people type it in their language: "15.000,50" in Italian, "15,000.50" in
    English, with or without the € sign."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(localize=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            text = "".join(value.replace("€", "").split())
            grouping = "." if get_format("DECIMAL_SEPARATOR") == "," else ","
            value = text.replace(grouping, "")
        return super().to_python(value)
