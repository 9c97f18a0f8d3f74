"""Forms for events: organising one, registering (the tenant, or staff for a household),
cancelling an event and recording attendance. The services check everything again; their
messages come back next to the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput, TimeInput, local_datetime

from . import selectors, services
from .models import Attendance


class EventForm(forms.Form):
    hub = forms.ModelChoiceField(label=_("Spazio CASA"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("From (time, Italy)"), widget=TimeInput())
    end = forms.TimeField(label=_("To (time, Italy)"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX,
                            help_text=_("For example: the common room of the Spazio CASA."))
    capacity = forms.IntegerField(label=_("Places (people)"), min_value=1,
                                  max_value=services.MAX_CAPACITY)
    max_people = forms.IntegerField(label=_("People per household, at most"), min_value=1,
                                    max_value=services.MAX_PEOPLE, initial=4)

    SERVICE_FIELDS = {"starts_at": "start", "ends_at": "end"}

    def __init__(self, *args, user, event=None, **kwargs):
        if event is not None and "initial" not in kwargs:
            starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
            kwargs["initial"] = {
                "hub": event.hub, "title": event.title, "description": event.description,
                "day": starts.date(), "start": starts.time(), "end": ends.time(),
                "place": event.place, "capacity": event.capacity,
                "max_people": event.max_people}
        super().__init__(*args, **kwargs)
        hubs = selectors.manageable_hubs(user)
        self.fields["hub"].queryset = hubs
        if event is None and not self.is_bound and len(hubs[:2]) == 1:
            self.initial.setdefault("hub", hubs[0])  # a Community Manager of one hub
        if event is not None:
            # An event stays at its hub.
            self.fields["hub"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            try:
                data["starts_at"] = local_datetime(data["day"], data["start"])
                data["ends_at"] = local_datetime(data["day"], data["end"])
            except ValidationError as error:
                self.add_error("day", error)
        return data

    def service_arguments(self):
        data = self.cleaned_data
        return {"title": data["title"], "description": data.get("description", ""),
                "starts_at": data["starts_at"], "ends_at": data["ends_at"],
                "place": data["place"], "capacity": data["capacity"],
                "max_people": data["max_people"]}


def people_choices(event):
    limit = min(event.max_people, event.capacity)
    return [(number, str(number)) for number in range(1, limit + 1)]


class RegisterForm(forms.Form):
    """The tenant registers their household: how many people are coming."""

    people = forms.TypedChoiceField(label=_("How many people are coming, you included?"),
                                    coerce=int)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people_choices(event)


class StaffRegisterForm(forms.Form):
    """Staff register a household they follow (at the desk, on the phone)."""

    household = forms.CharField(
        label=_("Household code or fiscal code"), max_length=32,
        help_text=_("A household you follow: its code (e.g. H0001234) or the fiscal code of "
                    "one of its members."))
    people = forms.TypedChoiceField(label=_("People coming"), coerce=int)

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["people"].choices = people_choices(event)

    def clean_household(self):
        household = selectors.household_for_registration(self.user,
                                                         self.cleaned_data["household"])
        if household is None:
            raise forms.ValidationError(_("No current household with this code or fiscal "
                                          "code among those you follow."))
        return household


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"), max_length=300,
        help_text=_("Every household registered or waiting gets a message with this reason."))


class AttendanceForm(forms.Form):
    """One choice per confirmed registration: came, did not come, or not recorded."""

    CHOICES = [("", _("not recorded")), *Attendance.choices]

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[f"attendance-{registration.pk}"] = forms.ChoiceField(
                label=registration.household.code, choices=self.CHOICES, required=False,
                initial=registration.attendance, widget=forms.RadioSelect)

    def rows(self):
        return [(registration, self[f"attendance-{registration.pk}"])
                for registration in self.registrations]

    def marks(self):
        return {registration.pk: self.cleaned_data.get(f"attendance-{registration.pk}", "")
                for registration in self.registrations}

