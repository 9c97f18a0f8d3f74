"""Forms for activities: an activity, a session, ticking who came, the number of other
attendees, and volunteers' hours. The services check everything again; their messages come
back next to the fields (casa.core.forms.add_service_errors)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy

from casa.accounts.models import STAFF_ROLES, User
from casa.core.forms import DateInput, TimeInput
from casa.core.money import AmountError, format_amount, parse_amount
from casa.events.models import Event

from . import selectors, services
from .models import Kind, Partner


class ActivityForm(forms.Form):
    hub = forms.ModelChoiceField(label=gettext_lazy("Spazio CASA"), queryset=None)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=services.TITLE_MAX)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event (public page and registrations)"), queryset=None,
        required=False, help_text=gettext_lazy("Optional: an event of the same Spazio CASA."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        hubs = selectors.manageable_hubs(user)
        self.fields["hub"].queryset = hubs
        self.fields["event"].queryset = (Event.objects.filter(hub__in=hubs)
                                         .select_related("hub").order_by("-starts_at"))
        if not self.is_bound and len(hubs[:2]) == 1:
            self.initial.setdefault("hub", hubs[0])


class SessionForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Day"), widget=DateInput())
    starts_at = forms.TimeField(label=gettext_lazy("From"), widget=TimeInput())
    ends_at = forms.TimeField(label=gettext_lazy("To"), widget=TimeInput())
    place = forms.CharField(label=gettext_lazy("Place"), max_length=services.PLACE_MAX)


class AnonymousForm(forms.Form):
    anonymous_attendees = forms.IntegerField(
        label=gettext_lazy("Other people who came, not in the register (a number only)"),
        min_value=0, max_value=services.MAX_ANONYMOUS)


class HoursInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value, grouping=False)
        return value


class HoursField(forms.Field):
    """Hours as people write them in their language (1,5 in Italian), read by the same reader
    as amounts; the range is the service's to check (rules.check_hours)."""

    widget = HoursInput

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            reading = parse_amount(str(value), language=get_language())
        except AmountError:
            raise ValidationError(services.HOURS_MESSAGES["not_a_number"](),
                                  code="invalid") from None
        if reading.ambiguous:
            raise ValidationError(services.HOURS_MESSAGES["not_a_number"](),
                                  code="ambiguous")
        return reading.value

    def validate(self, value):
        super().validate(value)
        problem = services.hours_error(value) if value is not None else None
        if problem:
            raise ValidationError(problem)


class ContributionForm(forms.Form):
    volunteer_name = forms.CharField(label=gettext_lazy("Volunteer (name)"), required=False,
                                     max_length=services.NAME_MAX)
    volunteer_user = forms.ModelChoiceField(label=gettext_lazy("or a member of staff"),
                                            queryset=None, required=False)
    partner = forms.ModelChoiceField(label=gettext_lazy("Partner organisation"),
                                     queryset=Partner.objects.order_by("name"),
                                     required=False)
    hours = HoursField(label=gettext_lazy("Hours"),
                       help_text=gettext_lazy("For example 2 or 1,5; at most 24."))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer_user"].queryset = (
            User.objects.filter(role__in=STAFF_ROLES, is_active=True,
                                hubs=session.activity.hub_id)
            .order_by("last_name", "first_name"))


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Find a person (name or fiscal code)"),
                        required=False, max_length=80)

