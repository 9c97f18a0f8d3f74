"""The care staff's forms. They only collect what was typed: every check is the service's
(services.py), whose messages add_service_errors puts next to the fields."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput, TimeInput
from casa.core.uploads import PHOTO_ACCEPT

from . import rules
from .rules import INFORMED, ROUND_ITEMS, ItemStatus


class RoundForm(forms.Form):
    """One round: for each item of rules.ROUND_ITEMS what was found, a note and a photo
    (fields `<code>-status`, `<code>-note`, `<code>-photo`), and the form's submission key,
    made when the form is opened so that a resend saves one round."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("Note on the whole round"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()
        for item in ROUND_ITEMS:
            self.fields[f"{item.code}-status"] = forms.ChoiceField(
                label=item.label, choices=ItemStatus.choices, required=False,
                initial=ItemStatus.UNCHECKED, widget=forms.RadioSelect)
            self.fields[f"{item.code}-note"] = forms.CharField(
                label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{item.code}-photo"] = forms.FileField(
                label=_("Photo"), required=False,
                widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT,
                                                       "capture": "environment"}))

    def items(self):
        """(item, status field, note field, photo field) in the order of the walk."""
        return [(item, self[f"{item.code}-status"], self[f"{item.code}-note"],
                 self[f"{item.code}-photo"]) for item in ROUND_ITEMS]

    def checks(self):
        data = self.cleaned_data
        return {item.code: {"status": data.get(f"{item.code}-status") or ItemStatus.UNCHECKED,
                            "note": data.get(f"{item.code}-note", ""),
                            "photo": data.get(f"{item.code}-photo")}
                for item in ROUND_ITEMS}


class IncidentForm(forms.Form):
    building = forms.ModelChoiceField(label=_("Building"), queryset=None, required=False,
                                      empty_label=_("Choose the building"))
    kind = forms.ChoiceField(label=_("What happened"), required=False,
                             choices=[("", _("Choose"))] + list(rules.IncidentKind.choices))
    urgency = forms.ChoiceField(label=_("Urgency"), required=False,
                                choices=[("", _("Choose"))] + list(rules.Urgency.choices))
    day = forms.DateField(label=_("Day"), required=False, widget=DateInput())
    time = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    informed = forms.MultipleChoiceField(
        label=_("Who was informed"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, (label, _column) in INFORMED.items()])
    what_followed = forms.CharField(label=_("What followed"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        self.fields["building"].label_from_instance = (
            lambda building: f"{building.address} ({building.code})")


class ResidentForm(forms.Form):
    fiscal_code = forms.CharField(label=_("Fiscal code of the resident"), required=False,
                                  max_length=16)
    reason = forms.ChoiceField(label=_("Why"), required=False,
                               choices=[("", _("Choose"))] + list(rules.FragileReason.choices))
    consent_on = forms.DateField(label=_("Consent given on"), required=False,
                                 widget=DateInput())
    consent_how = forms.ChoiceField(label=_("Consent given how"), required=False,
                                    choices=[("", _("Choose"))] + list(rules.ConsentHow.choices))
    visit_every_days = forms.IntegerField(label=_("Visit every (days)"), required=False,
                                          initial=7)


class VisitForm(forms.Form):
    notes = forms.CharField(label=_("Visit notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    problem_found = forms.BooleanField(
        label=_("A problem was found: alert the Community Manager"), required=False)
