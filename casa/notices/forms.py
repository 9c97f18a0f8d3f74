"""The publishing form. It offers only what the user may publish to (selectors.publishable_*)
and checks the attachment through casa.core.uploads; the service checks everything again and
its messages come back next to the fields."""

import datetime as dt
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casa.core import uploads
from casa.core.access import can
from casa.core.forms import DateInput, TimeInput, local_datetime

from . import selectors
from .models import Audience, Notice


class BuildingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, building):
        return f"{building.address}, {building.municipality} ({building.code})"


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=Notice._meta.get_field("title")
                            .max_length)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    audience = forms.ChoiceField(label=_("Who is it for?"), widget=forms.RadioSelect)
    hub = forms.ModelChoiceField(label=_("Spazio CASA"), queryset=None, required=False,
                                 help_text=_("For “the buildings of a Spazio CASA”."))
    building = BuildingChoiceField(label=_("Building"), queryset=None, required=False,
                                   help_text=_("For “a building” or “an entrance”."))
    entrance = forms.CharField(label=_("Entrance"), max_length=16, required=False,
                               help_text=_("For “an entrance”: as the register writes it, "
                                           "e.g. A."))
    from_day = forms.DateField(label=_("Published from (day)"), required=False,
                               widget=DateInput(),
                               help_text=_("Leave empty to publish now."))
    from_time = forms.TimeField(label=_("at (time, Italy)"), required=False,
                                widget=TimeInput())
    until_day = forms.DateField(label=_("Published until (day)"), required=False,
                                widget=DateInput(),
                                help_text=_("Leave empty to keep it until you withdraw it."))
    until_time = forms.TimeField(label=_("at (time, Italy)"), required=False,
                                 widget=TimeInput())
    urgent = forms.BooleanField(
        label=_("Urgent: also send it to each household"), required=False,
        help_text=_("For example no heating or no water. Each household it concerns gets it "
                    "in the app and by e-mail, or by SMS if Aler Milano has no e-mail address "
                    "for it, as soon as it is published."))
    attachment = forms.FileField(
        label=_("Attachment (optional)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
        help_text=_("A PDF, or a JPEG or PNG photo."))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    # The service's keys for fields whose names differ here.
    SERVICE_FIELDS = {"published_from": "from_day", "published_until": "until_day"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = Audience.choices
        if not can(user, "notices.publish_everywhere"):
            choices = [(value, label) for value, label in choices
                       if value != Audience.EVERYONE]
        self.fields["audience"].choices = choices
        hubs = selectors.publishable_hubs(user)
        self.fields["hub"].queryset = hubs
        self.fields["building"].queryset = selectors.publishable_buildings(user)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
            if len(hubs[:2]) == 1:
                self.initial.setdefault("hub", hubs[0])  # a Community Manager of one hub

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return uploads.check_upload(upload)

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Audience.HUB and not data.get("hub") and "hub" not in self.errors:
            self.add_error("hub", _("Choose the Spazio CASA whose buildings the notice is "
                                    "for."))
        if (audience in (Audience.BUILDING, Audience.ENTRANCE) and not data.get("building")
                and "building" not in self.errors):
            self.add_error("building", _("Choose the building."))
        if audience == Audience.ENTRANCE and not data.get("entrance", "").strip():
            self.add_error("entrance", _("Write the entrance."))
        data["published_from"] = self._moment("from_day", "from_time")
        # A last day without a time: the notice stays up to the end of that day.
        data["published_until"] = self._moment("until_day", "until_time", whole_day=True)
        return data

    def _moment(self, day_name, time_name, *, whole_day=False):
        """The moment a day and a time fields give (Europe/Rome), or None when both are
        empty; a day without a time is its start (or, with `whole_day`, its end)."""
        day, time = self.cleaned_data.get(day_name), self.cleaned_data.get(time_name)
        if day is None:
            if time is not None:
                self.add_error(day_name, _("Write the day as well as the time."))
            return None
        try:
            if time is None and whole_day:
                return local_datetime(day + dt.timedelta(days=1), dt.time(0, 0))
            return local_datetime(day, time or dt.time(0, 0))
        except (ValidationError, OverflowError):
            self.add_error(day_name, forms.DateField.default_error_messages["invalid"])
            return None

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "title": data["title"], "body": data["body"], "audience": data["audience"],
            "hub": data.get("hub"), "building": data.get("building"),
            "entrance": data.get("entrance", ""),
            "published_from": data.get("published_from"),
            "published_until": data.get("published_until"),
            "urgent": data.get("urgent", False), "attachment": data.get("attachment"),
            "submission_key": data["submission_key"],
        }

