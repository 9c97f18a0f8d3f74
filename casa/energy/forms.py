"""Forms of the energy back office: a new call with all its parameters, a dated value for one
parameter, and the screening date. Values are checked again by the services, whose messages
the views put back next to the fields (`add_service_errors`)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput, MoneyField, TimeInput

from . import rules
from .models import PARAMETER_NAMES, Call
from .parameters import SPECS, consistency_errors

ROME = ZoneInfo(settings.TIME_ZONE)


def parameter_field(name, *, required=True):
    """The form field for one parameter, as people enter it (the share in per cent): label,
    help and checks from parameters.SPECS."""
    return SPECS[name].field(required=required)


def to_stored(name, value):
    """A cleaned form value as the service takes it."""
    return SPECS[name].from_form(value)


def to_initial(name, value):
    """A stored value as the form shows it."""
    return SPECS[name].to_form(value)


def rome_datetime(day, time):
    return timezone.make_aware(dt.datetime.combine(day, time), ROME)


def add_service_errors(form, error: ValidationError, field_names):
    """Put a service's ValidationError messages next to the form's fields; `field_names` maps
    the service's keys to the form's field names where they differ."""
    for key, messages in error.message_dict.items():
        field = field_names.get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class CallForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40,
                           help_text=_("Letters, digits and hyphens, e.g. energia-2026-27. "
                                       "It cannot be changed later."))
    title = forms.CharField(label=_("Title"), max_length=200)
    season = forms.CharField(label=_("Heating season"), max_length=7,
                             help_text=_("For example 2025-26."))
    opens_on = forms.DateField(label=_("Applications open on"), widget=DateInput())
    opens_time = forms.TimeField(label=_("at (time, Italy)"), widget=TimeInput())
    closes_on = forms.DateField(label=_("Applications close on"), widget=DateInput())
    closes_time = forms.TimeField(label=_("at (time, Italy)"), widget=TimeInput())
    budget_eur = MoneyField(label=_("Budget (€)"), min_value=0, max_digits=12)
    four_eyes_above_eur = MoneyField(
        label=_("Second approval above (€)"), min_value=0, max_digits=12,
        initial=300, help_text=_("Approvals of larger amounts need a second person, an "
                                 "approver, to confirm them."))
    appeal_days = forms.IntegerField(
        label=_("Days to appeal a decision"), min_value=1, max_value=365, initial=30,
        help_text=_("Tenants can ask for a review within this many days of a decision."))
    valid_from = forms.DateField(label=_("The parameters are in force from"),
                                 widget=DateInput())
    legal_reference = forms.CharField(
        label=_("Legal reference"), max_length=300,
        help_text=_("The act that sets these values, e.g. the call's decree and article."))
    confirm_past = forms.BooleanField(
        label=_("I confirm the date in the past, knowing what it changes"), required=False)

    # The service's keys for fields whose names differ here.
    SERVICE_FIELDS = {"opens_at": "opens_on", "closes_at": "closes_on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in rules.PARAMETERS:
            self.fields[name] = parameter_field(name)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if Call.objects.filter(code=code).exists():
            raise ValidationError(_("A call with this code already exists."))
        return code

    def clean_season(self):
        season = self.cleaned_data["season"].strip()
        if not rules.season_is_valid(season):
            raise ValidationError(_("Write the season as 2025-26."))
        return season

    def parameter_fields(self):
        return [self[name] for name in rules.PARAMETERS]

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("opens_on", "opens_time", "closes_on",
                                           "closes_time")):
            data["opens_at"] = rome_datetime(data["opens_on"], data["opens_time"])
            data["closes_at"] = rome_datetime(data["closes_on"], data["closes_time"])
            if data["closes_at"] <= data["opens_at"]:
                self.add_error("closes_on", _("The window must close after it opens."))
        stored = {name: to_stored(name, data[name]) for name in rules.PARAMETERS
                  if data.get(name) is not None}
        for name, message in consistency_errors(stored).items():
            self.add_error(name, message)
        return data

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "code": data["code"], "title": data["title"], "season": data["season"],
            "opens_at": data["opens_at"], "closes_at": data["closes_at"],
            "budget_eur": data["budget_eur"], "valid_from": data["valid_from"],
            "four_eyes_above_eur": data["four_eyes_above_eur"],
            "appeal_days": data["appeal_days"],
            "legal_reference": data["legal_reference"],
            "confirm_past": data.get("confirm_past", False),
            "parameters": {name: to_stored(name, data[name]) for name in rules.PARAMETERS},
        }

    @classmethod
    def initial_from(cls, call, values):
        """Initial data for a new season of `call`: the same title and parameter values, the
        next season, and the window and dates a year later."""
        season = call.season
        next_season = season
        if rules.season_is_valid(season):
            start = int(season[:4]) + 1
            next_season = f"{start}-{(start + 1) % 100:02d}"
        opens = timezone.localtime(call.opens_at, ROME)
        closes = timezone.localtime(call.closes_at, ROME)
        first_valid = min((p.valid_from for p in call.parameters.all()),
                          default=opens.date())
        initial = {
            "code": call.code.replace(season, next_season) if season != next_season else "",
            "title": call.title.replace(season, next_season),
            "season": next_season,
            "opens_on": rules.add_months(opens.date(), 12), "opens_time": opens.time(),
            "closes_on": rules.add_months(closes.date(), 12), "closes_time": closes.time(),
            "budget_eur": call.budget_eur,
            "four_eyes_above_eur": call.four_eyes_above_eur,
            "appeal_days": call.appeal_days,
            "valid_from": rules.add_months(first_valid, 12),
        }
        initial.update({name: to_initial(name, value) for name, value in values.items()})
        return initial

    @classmethod
    def initial_from_query(cls, query):
        """Parameter values carried in a link, as the what-if page's "create a new call with
        these values" sends them (same field names and formats as this form)."""
        overlay = {}
        for name in rules.PARAMETERS:
            if name in query:
                multiple = isinstance(parameter_field(name), forms.MultipleChoiceField)
                overlay[name] = query.getlist(name) if multiple else query[name]
        return overlay


class ParameterValueForm(forms.Form):
    """A new dated value for one parameter; the value field depends on the parameter."""

    name = forms.ChoiceField(label=_("Parameter"), choices=PARAMETER_NAMES,
                             widget=forms.HiddenInput)
    valid_from = forms.DateField(label=_("In force from"), widget=DateInput())
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300,
                                      help_text=_("The act that sets this value."))
    confirm_past = forms.BooleanField(
        label=_("I confirm the date in the past, knowing what it changes"), required=False)

    def __init__(self, *args, parameter, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameter = parameter
        self.fields["name"].initial = parameter
        self.fields["value"] = parameter_field(parameter)
        self.fields["value"].label = _("New value")
        self.order_fields(["name", "value", "valid_from", "legal_reference", "confirm_past"])

    def clean_name(self):
        if self.cleaned_data["name"] != self.parameter:
            raise ValidationError(_("Unknown parameter."))
        return self.cleaned_data["name"]

    def stored_value(self):
        return to_stored(self.parameter, self.cleaned_data["value"])


class ScreeningDateForm(forms.Form):
    as_of = forms.DateField(label=_("Screening date"), widget=DateInput(), required=False,
                            help_text=_("The ISEE and tenancy are checked on this day."))


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you ask for a review?"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Explain what you think is wrong in the decision, for example a fact about "
                    "your household or your heating costs."))


class AppealDecisionForm(forms.Form):
    note = forms.CharField(label=_("Your note to the tenant"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
