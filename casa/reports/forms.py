"""Forms for the tenant's side of problem reports: reporting one (what, where, a description)
and answering "is it really fixed?". The services check everything again; their messages come
back next to the fields (casa.core.forms.add_service_errors)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Category
from .rules import Place


class PhotosInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to rules.MAX_PHOTOS photos from the camera or the gallery: the list of files sent.
    The service checks each (casa.core.uploads.check_photo) and says which it refuses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", PhotosInput(attrs={
            "accept": "image/jpeg,image/png,image/heic,image/heif,.heic,.heif",
            "multiple": True}))
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(file, initial) for file in files]


class ReportForm(forms.Form):
    """What the tenant types, kept across the steps as hidden fields ("is it one of these?"
    posts them back): nothing is saved until the last step."""

    category = forms.ModelChoiceField(
        label=_("What is the problem about?"), queryset=Category.objects.none(),
        to_field_name="code", widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": _("Choose what the problem is about."),
                        "invalid_choice": _("Choose what the problem is about.")})
    place = forms.ChoiceField(
        label=_("Where is it?"), choices=Place.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the problem is."),
                        "invalid_choice": _("Choose where the problem is.")})
    description = forms.CharField(
        label=_("Describe the problem"), max_length=rules.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is wrong, and since when. For example: water drips from the ceiling "
                    "of the stairs, 3rd floor, since yesterday."),
        error_messages={"required": _("Describe the problem in a few words."),
                        "max_length": _("Describe the problem in at most %(limit_value)d "
                                        "characters (you wrote %(show_value)d).")})

    photos = PhotosField(
        label=_("Photos (if you can)"),
        help_text=_("Up to %(count)s photos from the camera or the gallery. We do not send the "
                    "place where you took the photo.") % {"count": rules.MAX_PHOTOS})

    # Sent with the form and kept across its steps: the same form sent twice saves one report
    # (services.report_create).
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    # The service's error keys (services.report_create) are the form's field names.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()
        self.fields["category"].queryset = Category.objects.filter(active=True)
        self.fields["category"].label_from_instance = lambda category: category.label


class FixedForm(forms.Form):
    """The reporter's household answers whether a resolved report is really fixed. "What is
    still wrong" when it is not is the service's check (services.report_answer_fixed), not
    repeated here."""

    fixed = forms.TypedChoiceField(
        label=_("Is it really fixed?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes, it is fixed")), ("no", _("No, it is not fixed"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Say whether the problem is fixed."),
                        "invalid_choice": _("Say whether the problem is fixed.")})
    comment = forms.CharField(
        label=_("What is still wrong?"), required=False, max_length=rules.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write this if the problem is not fixed. The staff read it and work on it "
                    "again."),
        error_messages={"max_length": _("Write at most %(limit_value)d characters (you wrote "
                                        "%(show_value)d).")})
