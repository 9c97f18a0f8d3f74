"""The pages above the domains: the public home page (and where each user lands after logging
in), the tenant's "My home", and the Community Manager's read-only view of it. Each domain
contributes through plain functions that casa/portal/home.py calls; no domain imports the
portal."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from casa.core.access import allow, can, public
from casa.core.audit import AuditAction, audit_event, audit_record
from casa.energy import home as energy_home
from casa.registry import selectors as register

from . import day, page_cache
from .home import home_for


@public
def home(request):
    user = request.user
    if user.is_authenticated:
        if can(user, "portal.view_staff_day"):  # i11day: the Community Manager's landing page
            return redirect("portal:staff_day")
        if can(user, "care.work"):  # care staff: their rounds (a Community Manager has the day)
            return redirect("care:rounds")
        if can(user, "registry.search_households"):
            return redirect("registry:household_search")
        if can(user, "tenant.view_own_household"):
            return redirect("portal:my_home")
    return render(request, "portal/home.html", {"energy": energy_home.public_notice()})


@allow("tenant.view_own_household")
def my_home(request):
    return page_cache.tenant_page(request, "home", _render_my_home)


def _render_my_home(request, csrf_token):
    household = register.tenant_household(request.user)
    context = {"home": home_for(household, tenant=request.user) if household else None,
               "staff_view": False}
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    return render(request, "portal/my_home.html", context)


@allow("portal.view_tenant_home")
def tenant_home(request, code):
    """A tenant's "My home" as they see it, read only, for a Community Manager of their hub.
    Outside the staff member's hubs, or once the tenancy has ended: 404, which does not say
    whether the household exists."""
    household = register.current_household(user=request.user, code=code)
    if household is None:
        raise Http404
    audit_record(actor=request.user, action=AuditAction.VIEW, target=household,
                 note="tenant's home, read only")
    return render(request, "portal/my_home.html", {
        "home": home_for(household),
        "staff_view": True,
    })


@allow("portal.view_staff_day")
def staff_day(request):
    """The Community Manager's day (casa/portal/day.py). The page shows households' personal
    data: one audit event for the page, naming the households it showed."""
    hub_cases = request.GET.get("cases") == day.HUB_CASES
    sections = day.day_sections(request.user, hub_cases=hub_cases)
    audit_event(actor=request.user, action=AuditAction.VIEW, target_type="portal.staff_day",
                target_id=timezone.localdate().isoformat(), target_repr="day page",
                changes={"households": day.households_shown(sections)},
                note="the Community Manager's day").save()
    return render(request, "portal/staff_day.html", {"sections": sections,
                                                     "today": timezone.localdate()})
