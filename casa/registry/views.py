"""Register pages: staff search and household page, and the tenant's own home. Thin views."""

from django.shortcuts import get_object_or_404, render

from casa.core.access import allow, visible_households
from casa.core.audit import AuditAction, audit_record


@allow("tenant.view_own_household")
def my_home(request):
    household = visible_households(request.user).select_related("unit__building__hub").first()
    return render(request, "registry/my_home.html", {"household": household})


@allow("registry.search_households")
def household_search(request):
    query = request.GET.get("q", "").strip()
    households = visible_households(request.user).select_related("unit__building")[:25]
    return render(request, "registry/household_search.html",
                  {"query": query, "households": households})


@allow("registry.view_household")
def household_detail(request, code):
    household = get_object_or_404(visible_households(request.user), code=code)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=household)
    return render(request, "registry/household_detail.html", {"household": household})
