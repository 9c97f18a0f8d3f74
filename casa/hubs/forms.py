"""Forms with which a hub's staff keep its page up to date."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput, TimeInput

from .models import Service, Weekday

# The two periods a day can have at most, as the form offers them.
PARTS = (("am", _("Morning")), ("pm", _("Afternoon")))


class CoordinateField(forms.DecimalField):
    """Degrees with up to five decimals, read with a point or a comma whatever the language
    (a coordinate has no thousands separator to confuse them with)."""

    def __init__(self, *, limit, **kwargs):
        super().__init__(max_digits=8, decimal_places=5, min_value=-limit, max_value=limit,
                         required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class HubPageForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "off"}))
    email = forms.EmailField(label=_("E-mail"), required=False)
    about = forms.CharField(label=_("About the Spazio CASA"), max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("A few plain sentences: who you are, what you do, "
                                        "how to reach you."))
    services = forms.MultipleChoiceField(label=_("Services"), choices=Service.choices,
                                         required=False, widget=forms.CheckboxSelectMultiple)
    latitude = CoordinateField(label=_("Latitude"), limit=90,
                               help_text=_("For the map link, e.g. 45.46721. Leave both empty "
                                           "to link to a search for the address."))
    longitude = CoordinateField(label=_("Longitude"), limit=180)

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
                self.has_error("latitude") or self.has_error("longitude")):
            raise forms.ValidationError(_("Enter both coordinates, or neither."))
        return data


class WeeklyHoursForm(forms.Form):
    """Up to two periods (morning, afternoon) for each day of the week."""

    def __init__(self, *args, weekly=None, **kwargs):
        super().__init__(*args, **kwargs)
        weekly = weekly or {}
        for day in Weekday:
            periods = sorted(weekly.get(day.value, []))
            for index, (part, part_label) in enumerate(PARTS):
                start, end = periods[index] if index < len(periods) else (None, None)
                self.fields[f"d{day.value}_{part}_from"] = forms.TimeField(
                    label=_("%(day)s, %(part)s, from") % {"day": day.label,
                                                           "part": part_label.lower()},
                    required=False, initial=start, widget=TimeInput())
                self.fields[f"d{day.value}_{part}_to"] = forms.TimeField(
                    label=_("%(day)s, %(part)s, to") % {"day": day.label,
                                                         "part": part_label.lower()},
                    required=False, initial=end, widget=TimeInput())

    def days(self):
        """[(weekday label, [(part label, from field, to field)])] for the template."""
        return [(day.label, [(label, self[f"d{day.value}_{part}_from"],
                              self[f"d{day.value}_{part}_to"]) for part, label in PARTS])
                for day in Weekday]

    def clean(self):
        data = super().clean()
        for day in Weekday:
            for part, _label in PARTS:
                start_name, end_name = f"d{day.value}_{part}_from", f"d{day.value}_{part}_to"
                start, end = data.get(start_name), data.get(end_name)
                if self.has_error(start_name) or self.has_error(end_name):
                    continue
                if (start is None) != (end is None):
                    self.add_error(end_name if start else start_name,
                                   _("Enter both times, or neither."))
                elif start is not None and end <= start:
                    self.add_error(end_name, _("The end must come after the start."))
        return data

    def weekly(self):
        """{weekday: [(start, end)]} of the cleaned form."""
        weekly = {}
        for day in Weekday:
            for part, _label in PARTS:
                start = self.cleaned_data.get(f"d{day.value}_{part}_from")
                end = self.cleaned_data.get(f"d{day.value}_{part}_to")
                if start is not None and end is not None:
                    weekly.setdefault(day.value, []).append((start, end))
        return weekly


class SpanForm(forms.Form):
    """From one day to another, both included, and why."""

    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To (included)"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=120)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day comes before the first day."))
        return data


class ClosureForm(SpanForm):
    reason = forms.CharField(label=_("Reason"), max_length=120,
                             help_text=_("Shown to the public, e.g. Summer closure."))


class AbsenceForm(SpanForm):
    reason = forms.CharField(label=_("Reason"), max_length=120,
                             help_text=_("Seen by staff only, e.g. leave, training."))


class AssignHubForm(forms.Form):
    building = forms.CharField(widget=forms.HiddenInput, max_length=32)
    hub = forms.ChoiceField(label=_("Spazio CASA"))

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.hubs = {hub.code: hub for hub in hubs}
        self.fields["hub"].choices = [("", _("Choose…")), *((hub.code, hub.name)
                                                           for hub in hubs)]

    def clean_hub(self):
        return self.hubs[self.cleaned_data["hub"]]
