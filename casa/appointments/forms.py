"""Forms of the booking pages and of the desk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_MINUTES, BestTime, CallbackSource, Topic

NOTE_HELP = _("Optional: what you would like to talk about, or what to bring.")


class BookForm(forms.Form):
    """The tenant's (or the desk's) choice, sent from the last step of the picker."""

    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    day = forms.DateField(label=_("Day"))
    time = forms.TimeField(label=_("Time"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), help_text=NOTE_HELP)


class MoveForm(forms.Form):
    day = forms.DateField(label=_("Day"))
    time = forms.TimeField(label=_("Time"))


class OutcomeForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the tenant"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The tenant reads it in the app: what was agreed, what to do next."))
    private_note = forms.CharField(
        label=_("Private note"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the Community Managers read it."))


class WalkInForm(OutcomeForm):
    hub = forms.ChoiceField(label=_("Spazio CASA"))
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    household = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    field_order = ["hub", "topic", "summary", "private_note", "household"]

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.hubs = {hub.code: hub for hub in hubs}
        self.fields["hub"].choices = [(hub.code, hub.name) for hub in hubs]

    def clean_hub(self):
        return self.hubs[self.cleaned_data["hub"]]


class TopicLengthsForm(forms.Form):
    """How long a meeting on each topic lasts at a hub."""

    def __init__(self, *args, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        for topic in Topic:
            self.fields[topic.value] = forms.IntegerField(
                label=topic.label, min_value=10, max_value=240,
                initial=minutes.get(topic.value, DEFAULT_MINUTES[topic]),
                help_text=_("Minutes (usually %(minutes)s).")
                % {"minutes": DEFAULT_MINUTES[topic]})


# --- Tenants to call back (issue 11, i11cb) ----------------------------------------------------

class CallbackForm(forms.Form):
    """Asking to be called back (the tenant's, or a Community Manager's for a household). The
    service checks every value (the phone number too): its refusals go next to the field."""

    topic = forms.ChoiceField(label=_("What is it about?"), choices=Topic.choices)
    phone = forms.CharField(
        label=_("Phone number to call"), max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("An Italian number (landline or mobile), or an international one starting "
                    "with +."))
    best_time = forms.ChoiceField(label=_("When is it best to call?"),
                                  choices=BestTime.choices, initial=BestTime.ANY,
                                  widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Optional: a few words on what you need."))


class DeskCallbackForm(CallbackForm):
    source = forms.ChoiceField(label=_("How was it asked?"),
                               choices=[(CallbackSource.PHONE, CallbackSource.PHONE.label),
                                        (CallbackSource.DESK, CallbackSource.DESK.label)])
    household = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)


class CallbackDoneForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was agreed"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The tenant reads it in the app."))


# Where each refusal of the call-back services goes in the forms above.
CALLBACK_FIELDS = {"topic": "topic", "callback_open": "topic", "phone": "phone",
                   "best_time": "best_time", "note": "note", "outcome": "outcome"}


def add_callback_error(form, error):
    """Put a BookingError of the call-back services next to its field (else on the form)."""
    field = CALLBACK_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)
