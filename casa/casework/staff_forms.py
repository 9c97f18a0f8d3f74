"""The forms of a case file's page and of opening a case. They only read what people type;
the rules (scope, choices, dates, closed cases) are checked by services.py, whose messages the
views put next to these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput, MoneyField, TimeInput, local_datetime

from . import rules, selectors
from .models import ActionOwner, ContactKind, NeedArea, NeedLevel, Outcome, Reason, Service


def _textarea(rows=3, maxlength=rules.TEXT_MAX):
    return forms.Textarea(attrs={"rows": rows, "maxlength": maxlength})


class OpenCaseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *Reason.choices])
    member = forms.ChoiceField(label=_("For"), required=False)
    owner = forms.ModelChoiceField(label=_("Community Manager in charge"), queryset=None,
                                   required=False, empty_label=_("Me"))

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(member.pk): member for member in selectors.current_members(household)}
        self.fields["member"].choices = [("", _("The whole household")),
                                         *((pk, str(person)) for pk, person in self.people.items())]
        self.fields["owner"].queryset = selectors.case_managers(household.unit.building.hub)

    def clean_member(self):
        return self.people.get(self.cleaned_data["member"])


class AssessmentForm(forms.Form):
    summary = forms.CharField(label=_("Summary of the assessment"), required=False,
                              widget=_textarea(4))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {need.area: need.level for need in case.needs.all()} if case else {}
        for area, label in NeedArea.choices:
            self.fields[f"need_{area}"] = forms.ChoiceField(
                label=label, required=False, initial=current.get(area, ""),
                choices=[("", _("not assessed")), *NeedLevel.choices])
        if case is not None and not self.is_bound:
            self.fields["summary"].initial = case.assessment_summary
        # The summary last, after the areas.
        self.order_fields([*(f"need_{area}" for area in NeedArea.values), "summary"])

    def needs(self):
        return {area: self.cleaned_data.get(f"need_{area}", "") for area in NeedArea.values}


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=rules.SHORT_MAX)
    owner_kind = forms.ChoiceField(label=_("Who does it"), choices=ActionOwner.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    for_tenant = forms.BooleanField(label=_("Show it to the tenant"), required=False)


class DoneForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Action"), queryset=None)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = case.actions.filter(done_at__isnull=True)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    day = forms.DateField(label=_("Day"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    notes = forms.CharField(label=_("Notes (private: the tenant never sees them)"),
                            widget=_textarea(4))
    public_summary = forms.CharField(label=_("Summary for the tenant (optional)"),
                                     required=False, max_length=rules.SHORT_MAX)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            try:
                data["at"] = local_datetime(data["day"], data["time"])
            except forms.ValidationError as error:
                self.add_error("day", error)
        return data


class ReferralForm(forms.Form):
    to = forms.ChoiceField(label=_("Refer to"), choices=[("", "—"), *Service.choices])
    sent_on = forms.DateField(label=_("Day of the referral"), widget=DateInput())
    note = forms.CharField(label=_("Note (private)"), required=False, widget=_textarea(2))


class OutcomeForm(forms.Form):
    referral = forms.ModelChoiceField(label=_("Referral"), queryset=None)
    outcome = forms.CharField(label=_("Outcome (the tenant sees it)"),
                              max_length=rules.SHORT_MAX)
    outcome_on = forms.DateField(label=_("Day of the outcome"), widget=DateInput())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = case.referrals.all()
        self.fields["referral"].label_from_instance = (
            lambda referral: f"{referral.get_to_display()} · {referral.sent_on:%d/%m/%Y}")


class ArrearsForm(forms.Form):
    debt_eur = MoneyField(label=_("Debt (€)"), required=False, min_value=0)
    step = forms.CharField(label=_("A step towards the repayment plan"), required=False,
                           max_length=rules.SHORT_MAX)
    step_on = forms.DateField(label=_("Day of the step"), required=False, widget=DateInput())
    plan_signed_on = forms.DateField(label=_("Repayment plan signed on"), required=False,
                                     widget=DateInput())


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])
    note = forms.CharField(label=_("Closing note (private)"), required=False,
                           widget=_textarea(3))


class HandoverForm(forms.Form):
    to_owner = forms.ModelChoiceField(label=_("Hand over to"), queryset=None)
    reason = forms.CharField(label=_("Why"), max_length=rules.SHORT_MAX)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_owner"].queryset = selectors.case_managers(
            case.household.unit.building.hub).exclude(pk=case.owner_id)
