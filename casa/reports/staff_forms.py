"""The forms of the staff's pages of problem reports: the queue's filters, the actions on a
report, and reporting on a tenant's behalf or from the rounds. They only read what people
type; the rules (allowed status changes, reasons, merging, who may be assigned) are checked
by services.py, whose messages the views put next to these fields."""

import re

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from casa.accounts.models import HUB_SCOPED_ROLES
from casa.core.forms import MoneyField
from casa.registry.models import Building

from . import queue
from .models import Category, Contractor, Photo, Report
from .rules import COMMON_AREAS, DESCRIPTION_MAX, STAFF_CHANGES, Place, Status

STAFF_LABELS = {Place.FLAT: _("The household's flat"),
                Place.ENTRANCE: _("The household's entrance and stairs")}
ROUNDS_LABELS = {Place.ENTRANCE: _("Entrance and stairs")}
REFERENCE = re.compile(r"^\s*(?:S-?)?0*([1-9][0-9]{0,9})\s*$", re.IGNORECASE)


def _textarea(rows=3, maxlength=DESCRIPTION_MAX):
    return forms.Textarea(attrs={"rows": rows, "maxlength": maxlength})


class QueueFilterForm(forms.Form):
    hub = forms.ChoiceField(label=_("Spazio CASA"), required=False)
    building = forms.CharField(label=_("Building code"), required=False, max_length=30)
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    late = forms.BooleanField(label=_("Late against the target"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.hubs = {hub.code: hub for hub in queue.hubs_for(user)}
        self.fields["hub"].choices = [("", _("All my Spazi CASA")),
                                      *((code, hub.name) for code, hub in self.hubs.items())]
        self.categories = {category.code: category for category in Category.objects.all()}
        self.fields["category"].choices = [
            ("", _("All categories")),
            *((code, category.label) for code, category in self.categories.items())]
        self.fields["status"].choices = [(queue.OPEN_FILTER, _("Open")),
                                         (queue.ALL, _("All")), *Status.choices]

    def clean_building(self):
        code = self.cleaned_data["building"].strip().upper()
        if not code:
            return None
        building = queue.building_for(self.user, code)
        if building is None:
            raise forms.ValidationError(_("No building with this code among yours."))
        return building

    def filters(self) -> queue.Filters:
        data = {}
        if self.is_bound:
            self.is_valid()  # the valid filters apply; the page says the others are ignored
            data = self.cleaned_data
        return queue.Filters(
            hub=self.hubs.get(data.get("hub") or ""),
            building=data.get("building"),
            category=self.categories.get(data.get("category") or ""),
            status=data.get("status") or queue.OPEN_FILTER,
            urgent=data.get("urgent", False), late=data.get("late", False))


class StatusField(forms.ChoiceField):
    """Offers the allowed next statuses, accepts any status: whether the change is allowed
    (now, under the lock) is services.report_change_status's to say, in its words."""

    def valid_value(self, value):
        return value in Status.values


class StatusForm(forms.Form):
    status = StatusField(label=_("New status"))
    public_message = forms.CharField(
        label=_("Message to the reporter"), required=False, widget=_textarea(),
        help_text=_("The reporter and the followers read it."))
    internal_note = forms.CharField(label=_("Internal note"), required=False,
                                    widget=_textarea(2),
                                    help_text=_("Staff only."))
    reason = forms.CharField(label=_("Why it is rejected"), required=False, widget=_textarea(2),
                             help_text=_("Only to reject it: the reporter reads it."))
    merge_into = forms.CharField(
        label=_("Report it duplicates"), required=False, max_length=20,
        help_text=_("Only to merge it: the reference, like S-000123."))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = STAFF_CHANGES.get(report.status, set())
        self.fields["status"].choices = [(value, label) for value, label in Status.choices
                                         if value in allowed]
        self.fields["merge_into"].widget.attrs["list"] = f"{self.prefix}-similar"

    def clean_merge_into(self):
        text = self.cleaned_data["merge_into"]
        if not text.strip():
            return None
        match = REFERENCE.match(text)
        if match is None:
            raise forms.ValidationError(_("Type the reference of the report, like S-000123."))
        # Unsaved: the service finds it in the user's scope, or says it cannot merge into it.
        return Report(pk=int(match.group(1)))


class ReplyForm(forms.Form):
    message = forms.CharField(label=_("Reply"), required=False, widget=_textarea(),
                              help_text=_("The reporter and the followers read it."))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Internal note"), required=False, widget=_textarea(),
                           help_text=_("Staff only: never shown to the reporter."))


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), required=False, queryset=None,
                                      empty_label=_("Nobody"))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = queue.assignable_staff(report)
        self.fields["assignee"].initial = report.assigned_to_id


class StaffReportForm(forms.Form):
    """Report a problem for a household (any place) or from the rounds (a common area of a
    building of the user's hubs). Empty fields reach the service, which says what is
    missing."""

    building = forms.ModelChoiceField(label=_("Building"), required=False, queryset=None,
                                      empty_label=_("Choose the building"))
    category = forms.ModelChoiceField(label=_("What is the problem about?"), required=False,
                                      queryset=Category.objects.filter(active=True),
                                      empty_label=_("Choose a category"))
    place = forms.ChoiceField(label=_("Where is it?"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=_textarea(5))

    def __init__(self, *args, user, household=None, **kwargs):
        super().__init__(*args, **kwargs)
        if household is not None:
            del self.fields["building"]
            places = staff_places(for_household=True)
        else:
            buildings = Building.objects.filter(hub__isnull=False)
            if user.role in HUB_SCOPED_ROLES:
                buildings = buildings.filter(hub__in=user.hubs.all())
            self.fields["building"].queryset = buildings.order_by("address", "code")
            self.fields["building"].label_from_instance = (
                lambda building: f"{building.address}, {building.municipality} "
                                 f"({building.code})")
            places = staff_places(for_household=False)
        self.fields["place"].choices = [("", _("Choose the place")), *places]


class ContractorForm(forms.Form):
    """Send the report to a contractor. Those usually called for its category come first."""

    contractor = forms.ModelChoiceField(label=_("Contractor"), required=False, queryset=None,
                                        empty_label=_("Choose the contractor"))
    instructions = forms.CharField(label=_("Instructions for the contractor"), required=False,
                                   widget=_textarea(3),
                                   help_text=_("Sent with the report's details."))
    with_photos = forms.BooleanField(label=_("Attach the report's photos"), required=False,
                                     initial=True)
    with_contact = forms.BooleanField(
        label=_("Give the household's name and phone, for access to the flat"),
        required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        usual = Contractor.categories.through.objects.filter(contractor=OuterRef("pk"),
                                                             category=report.category_id)
        contractors = (Contractor.objects.filter(active=True)
                       .annotate(usual=Exists(usual)).order_by("-usual", "name"))
        self.fields["contractor"].queryset = contractors
        usually = _("usually for this")
        self.fields["contractor"].label_from_instance = (
            lambda contractor: f"{contractor.name} · {usually}" if contractor.usual
            else contractor.name)
        if report.household_id is None:
            del self.fields["with_contact"]
        if not report.photos.exists():
            del self.fields["with_photos"]


class WorkOrderForm(forms.Form):
    """What the contractor answered, as it is now: the form shows the recorded values."""

    contractor_reference = forms.CharField(label=_("Their reference"), required=False,
                                           max_length=64)
    answer = forms.CharField(label=_("Their answer"), required=False, widget=_textarea(2))
    cost_eur = MoneyField(label=_("Cost (€)"), required=False, min_value=0)
    invoice = forms.CharField(label=_("Invoice or estimate"), required=False, max_length=64)

    def __init__(self, *args, order, **kwargs):
        kwargs.setdefault("initial", {
            "contractor_reference": order.contractor_reference, "answer": order.answer,
            "cost_eur": order.cost_eur, "invoice": order.invoice})
        super().__init__(*args, **kwargs)
def staff_places(*, for_household):
    """The places staff choose from: for a household every place, with the tenants' "my" said
    as "the household's"; with no household (the rounds) the common areas only."""
    if for_household:
        return [(value, STAFF_LABELS.get(value, label)) for value, label in Place.choices]
    return [(value, ROUNDS_LABELS.get(value, label)) for value, label in Place.choices
            if value in COMMON_AREAS]


# --- Splitting ---------------------------------------------------------------------------------

class AnyPhotoField(forms.TypedMultipleChoiceField):
    """Offers the report's photos, accepts any number: whether each is the report's is
    services.report_split's to say, in its words."""

    def valid_value(self, value):
        return str(value).isdigit()


class SplitForm(forms.Form):
    """Part of the report continues as a new one: its category, place and description, and
    which of the report's photos go with it."""

    category = forms.ModelChoiceField(label=_("What is the other problem about?"),
                                      required=False,
                                      queryset=Category.objects.filter(active=True),
                                      empty_label=_("Choose a category"))
    place = forms.ChoiceField(label=_("Where is it?"), required=False)
    description = forms.CharField(
        label=_("Description of the other problem"), required=False, widget=_textarea(4),
        help_text=_("The reporter reads it in their report."))
    photos = AnyPhotoField(label=_("Photos that go with it"), required=False, coerce=int,
                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report_photos = list(report.photos.all())
        self.fields["place"].choices = [
            ("", _("Choose the place")),
            *staff_places(for_household=report.household_id is not None)]
        self.fields["photos"].choices = [(photo.pk, photo.pk) for photo in self.report_photos]

    def clean_photos(self):
        # Unsaved: the service finds each among the report's photos, or says it is not one.
        return [Photo(pk=pk) for pk in self.cleaned_data["photos"]]

    def photo_choices(self):
        """(photo, number, checked) for the page's checkboxes with thumbnails."""
        checked = {str(value) for value in (self["photos"].value() or [])}
        return [(photo, number, str(photo.pk) in checked)
                for number, photo in enumerate(self.report_photos, start=1)]
