"""The forms of the participants' staff pages. They only read what staff type; the rules
(consent before special categories, exit after entry) are checked by services.py, whose
messages the views put next to these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casa.core.forms import DateInput

from .models import SPECIAL_CATEGORIES, ConsentHow, Education, FundedProject, Gender, LabourStatus

NOT_KNOWN = [("", _("Not known yet"))]
ANSWERS = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


class CompleteForm(forms.Form):
    labour_status = forms.ChoiceField(label=_("Labour-market status at entry"), required=False,
                                      choices=NOT_KNOWN + list(LabourStatus.choices))
    education = forms.ChoiceField(label=_("Education (ISCED)"), required=False,
                                  choices=NOT_KNOWN + list(Education.choices))
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices,
        help_text=_("Prefilled from the register: change it only if the person declares "
                    "another gender."))
    exit_date = forms.DateField(label=_("Exit date"), required=False, widget=DateInput(),
                                help_text=_("When the support ended. Leave empty while it "
                                            "goes on."))


class ConsentForm(forms.Form):
    given = forms.TypedChoiceField(
        label=_("The participant's answer"), coerce=lambda value: value == "yes",
        choices=[("yes", _("Consent given")), ("no", _("Consent refused"))],
        widget=forms.RadioSelect)
    how = forms.ChoiceField(label=_("How it was given"), choices=ConsentHow.choices)


class SpecialCategoriesForm(forms.Form):
    def __init__(self, *args, participant=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SPECIAL_CATEGORIES.items():
            value = getattr(participant, name, None) if participant else None
            self.fields[name] = forms.ChoiceField(
                label=label, choices=ANSWERS, required=False,
                initial="" if value is None else ("yes" if value else "no"))

    def values(self):
        return {name: {"yes": True, "no": False}.get(self.cleaned_data.get(name))
                for name in SPECIAL_CATEGORIES}


class IndicatorFilterForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Funded project"), required=False,
                                     queryset=FundedProject.objects.all(),
                                     empty_label=_("All projects"), to_field_name="code")
    hub = forms.ModelChoiceField(label=_("Spazio CASA"), required=False, queryset=None,
                                 empty_label=_("All the Spazi CASA"), to_field_name="code")
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        from casa.registry.models import Hub

        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Hub.objects.filter(project_hub__isnull=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return cleaned
