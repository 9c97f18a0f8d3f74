"""Register pages for staff: household search and the household page. Thin views."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from casa.core.access import allow, can
from casa.core.audit import AuditAction, audit_record
from casa.core.drafts import with_draft
from casa.core.panels import render_panels

from . import selectors
from .models import RentBand
from .panels import HOUSEHOLD_PAGE


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100,
        help_text=_("Household code, fiscal code, name (surname first or not) or address."),
    )
    hub = forms.ChoiceField(label=_("Spazio CASA"), required=False)
    band = forms.ChoiceField(
        label=_("Rent band"), required=False,
        choices=[("", _("All bands")), *RentBand.choices],
    )
    ended = forms.BooleanField(label=_("Include ended tenancies"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        hubs = [(hub.code, hub.name) for hub in selectors.search_hub_choices(user)]
        self.fields["hub"].choices = [("", _("All my Spazi CASA")), *hubs]


@allow("registry.search_households")
def household_search(request):
    form = with_draft(request, HouseholdSearchForm(request.GET or None, user=request.user),
                      "household-search", method="get")
    criteria = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    households = selectors.household_search(
        user=request.user,
        query=criteria.get("q", ""),
        hub=criteria.get("hub") or None,
        band=criteria.get("band") or None,
        include_ended=criteria.get("ended", False),
    )
    page = Paginator(households, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {"form": form, "page": page, "query_string": query_string.urlencode()}
    template = ("registry/_household_results.html" if request.htmx
                else "registry/household_search.html")
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@allow("registry.view_household")
def household_detail(request, code):
    household = selectors.household_for_page(user=request.user, code=code)
    if household is None:
        # 404, not 403: a code outside the user's scope must not reveal that it exists.
        raise Http404
    audit_record(actor=request.user, action=AuditAction.VIEW, target=household)
    today = timezone.localdate()
    return render(request, "registry/household_detail.html", {
        "household": household,
        "members": [(member, age_on(member.birth_date, today))
                    for member in selectors.members_in_order(household)],
        "former_members": selectors.former_members(household),
        "isee_declarations": [(declaration, declaration.issued_on <= today
                               <= declaration.valid_until)
                              for declaration in household.isee_declarations.all()],
        # Only events about records the user may read: no energy event for care staff.
        "history": [(event, record_type_label(event.target_type),
                     describe_changes(event.changes))
                    for event in selectors.household_history(household, user=request.user)],
        "history_limit": selectors.HISTORY_LIMIT,
        "can_view_audit_trail": can(request.user, "core.view_audit_trail"),
        # What other apps show about the household (the energy contribution, ...), each
        # panel only to the users who may see it.
        "panels": render_panels(HOUSEHOLD_PAGE, request, household),
    })


def age_on(birth_date, day):
    """Full years of age on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def record_type_label(target_type):
    """'registry.household' -> the model's name in the user's language."""
    try:
        return apps.get_model(target_type)._meta.verbose_name
    except (LookupError, ValueError):
        return target_type


def describe_changes(changes):
    """An audit event's changes as (field, old, new) rows; old is None when unknown."""
    rows = []
    for field, change in (changes or {}).items() if isinstance(changes, dict) else []:
        if isinstance(change, (list, tuple)) and len(change) == 2:
            rows.append((field, change[0], change[1]))
        elif isinstance(change, dict) and {"old", "new"} <= change.keys():
            rows.append((field, change["old"], change["new"]))
        else:
            rows.append((field, None, change))
    return rows
