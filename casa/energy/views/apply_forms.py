"""Forms of the applying pages: the application (online and at the desk), the answer to a
request for information with its documents, and the change of bank account. They only shape
what people type; casa.energy.applying checks it and its messages go back next to the fields
(forms.add_service_errors)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casa.core.forms import DateInput, MoneyField
from casa.core.money import format_euro
from casa.registry.models import IseeKind

from ..applying import REQUIRED_DECLARATIONS
from ..attachments import ACCEPT, MAX_FILES, max_bytes
from ..models import IdentityDocument

# An ISEE above this is doubtful for public housing (the access band ends far below it).
ISEE_PLAUSIBLE_MAX = Decimal("60000.00")
ISEE_FIELDS = ["isee_kind", "isee_value", "dsu_protocol", "isee_issued_on", "isee_valid_until"]
IDENTITY_FIELDS = ["identity_document", "identity_document_number"]


def member_choices(household):
    return [("", "—")] + [(member.fiscal_code, f"{member.first_name} {member.last_name}")
                          for member in household.members.current()]


def identity_document_field():
    return forms.ChoiceField(label=gettext_lazy("Identity document checked"), required=False,
                             choices=[("", "—"), *IdentityDocument.choices])


def identity_number_field():
    return forms.CharField(label=gettext_lazy("Document number"), required=False,
                           max_length=32)


def plausible_isee(household):
    """(low, high) of a plausible ISEE for the household, and why a value outside is
    doubtful: up to three times the highest ISEE on file, and never below ISEE_PLAUSIBLE_MAX
    (an ISEE corrente may drop after a job loss, so no lower bound). A value outside is
    kept only when the person confirms it (casa.core.forms.MoneyField)."""
    on_file = max((d.value_eur for d in household.isee_declarations.all()), default=None)
    if on_file is None:
        return (None, ISEE_PLAUSIBLE_MAX), None
    return (None, max(ISEE_PLAUSIBLE_MAX, on_file * 3)), _(
        "much more than the ISEE we have on file (%(on_file)s)") % {
        "on_file": format_euro(on_file)}


class IseeIbanForm(forms.Form):
    """A newer ISEE (all five fields or none) and, for autonomous heating, an IBAN."""

    isee_kind = forms.ChoiceField(label=gettext_lazy("Kind of ISEE"), required=False,
                                  choices=IseeKind.choices, widget=forms.RadioSelect)
    isee_value = MoneyField(label=gettext_lazy("ISEE value (€)"), required=False,
                             min_value=0, max_digits=12)
    dsu_protocol = forms.CharField(
        label=gettext_lazy("DSU protocol number"), required=False, max_length=40,
        help_text=gettext_lazy("As written on the ISEE certificate, e.g. "
                               "INPS-ISEE-2025-00597381W-00."))
    isee_issued_on = forms.DateField(label=gettext_lazy("Issued on"), required=False,
                                     widget=DateInput())
    isee_valid_until = forms.DateField(label=gettext_lazy("Valid until"), required=False,
                                       widget=DateInput())
    iban = forms.CharField(
        label=gettext_lazy("IBAN of your bank or postal account"), required=False,
        max_length=42, help_text=gettext_lazy("We pay the contribution into this account. The "
                                              "account must belong to a person in your household."))

    iban_holder = forms.ChoiceField(
        label=gettext_lazy("Account holder"), required=False,
        help_text=gettext_lazy("The member of the household who holds the account."))

    def __init__(self, *args, ask_iban, household, **kwargs):
        super().__init__(*args, **kwargs)
        # The service says why an IBAN is needed when it is missing.
        if not ask_iban:
            del self.fields["iban"]
            del self.fields["iban_holder"]
        else:
            self.fields["iban_holder"].choices = member_choices(household)
        isee = self.fields["isee_value"]
        isee.plausible, isee.implausible_message = plausible_isee(household)


    def clean(self):
        data = super().clean()
        given = [name for name in ISEE_FIELDS if data.get(name) not in (None, "")]
        if given and len(given) < len(ISEE_FIELDS):
            for name in ISEE_FIELDS:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Fill in every field of the new ISEE, or none."))
        return data

    def declared_isee(self):
        data = self.cleaned_data
        if not data.get("isee_kind"):
            return None
        return {"kind": data["isee_kind"], "value": data["isee_value"],
                "dsu_protocol": data["dsu_protocol"], "issued_on": data["isee_issued_on"],
                "valid_until": data["isee_valid_until"]}

    def declared_iban(self):
        return self.cleaned_data.get("iban", "")

    def declared_holder(self):
        return self.cleaned_data.get("iban_holder", "")

    def isee_fields(self):
        return [self[name] for name in ISEE_FIELDS]


class ApplyForm(IseeIbanForm):
    declarations = forms.MultipleChoiceField(
        label=gettext_lazy("Declarations"), choices=REQUIRED_DECLARATIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("To apply you must accept every "
                                                 "declaration.")})
    # At the desk: how the applicant's identity was checked, and (on the check page, once the
    # printed form is signed) that the declarations were read to them.
    identity_document = identity_document_field()
    identity_document_number = identity_number_field()
    declarations_read_and_signed = forms.BooleanField(
        label=gettext_lazy("I read the declarations to the applicant, who signed the printed "
                           "form"), required=False)

    def __init__(self, *args, assisted=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the service says: a declaration left out gets the same message.
        self.fields["declarations"].required = False
        if not assisted:
            for name in (*IDENTITY_FIELDS, "declarations_read_and_signed"):
                del self.fields[name]

    def identity(self):
        data = self.cleaned_data
        return {"document": data.get("identity_document", ""),
                "number": data.get("identity_document_number", ""),
                "read_and_signed": data.get("declarations_read_and_signed", False)}

    def identity_fields(self):
        """The identity check on the form page (the signature box is on the check page)."""
        return [self[name] for name in IDENTITY_FIELDS if name in self.fields]

    def carried_fields(self):
        """What the check page carries as hidden fields: everything but the signature box,
        which it shows."""
        return [field for field in self if field.name != "declarations_read_and_signed"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented recipe): a list of uploads."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(upload, initial) for upload in data if upload]
        return [single(data, initial)] if data else []


class AnswerForm(IseeIbanForm):
    """The answer to a request for information: a message, documents, a newer ISEE and, when
    the application has none, an IBAN."""

    text = forms.CharField(label=gettext_lazy("Your message"), required=False,
                           max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(
        label=gettext_lazy("Documents"), required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}))

    field_order = ["text", "attachments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files: PDF, or photos of the papers (JPEG or PNG). Each file at most "
            "%(size)s MB.") % {"count": MAX_FILES,
                                    "size": f"{max_bytes() / (1024 * 1024):g}"}

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Send at most %(count)s files with one answer.") % {
                "count": MAX_FILES})
        return files


class IbanChangeForm(forms.Form):
    """A new IBAN and its holder; the tenant confirms with their password (unless `ask_password`
    is False: they confirmed moments ago, or have no password and confirm with SPID/CIE first),
    the desk records the identity document it checked."""

    iban = forms.CharField(label=gettext_lazy("New IBAN"), max_length=42, required=False,
                           help_text=gettext_lazy("It must be the account of a member of the "
                                                  "household."))
    iban_holder = forms.ChoiceField(label=gettext_lazy("Account holder"), required=False)
    password = forms.CharField(
        label=gettext_lazy("Your password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To protect your money, confirm that it is you."))
    identity_document = identity_document_field()
    identity_document_number = identity_number_field()

    def __init__(self, *args, household, at_desk, ask_password=True, **kwargs):
        kwargs.setdefault("prefix", "bank")
        super().__init__(*args, **kwargs)
        self.fields["iban_holder"].choices = member_choices(household)
        if at_desk or not ask_password:
            del self.fields["password"]
        if not at_desk:
            for name in IDENTITY_FIELDS:
                del self.fields[name]

    def identity(self):
        data = self.cleaned_data
        return {"document": data.get("identity_document", ""),
                "number": data.get("identity_document_number", "")}
