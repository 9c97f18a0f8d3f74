"""The pages above the domains: the public home page (and where each user lands after logging
in) and the tenant's home. Each domain contributes through plain functions this module calls
(casa.energy.selectors.open_calls); no domain imports the portal."""

from django.shortcuts import redirect, render

from casa.core.access import allow, can, public
from casa.energy.selectors import open_calls
from casa.registry import selectors as register


@public
def home(request):
    user = request.user
    if user.is_authenticated:
        if can(user, "registry.search_households"):
            return redirect("registry:household_search")
        if can(user, "tenant.view_own_household"):
            return redirect("portal:my_home")
    return render(request, "portal/home.html")


@allow("tenant.view_own_household")
def my_home(request):
    household = register.tenant_household(request.user)
    hub = household.unit.building.hub if household else None
    return render(request, "portal/my_home.html", {
        "household": household,
        "hub": hub,
        "members": register.members_in_order(household) if household else [],
        "managers": register.hub_community_managers(hub),
        # The open calls of the energy contribution: the way to apply from home.
        "energy_calls": open_calls() if household else [],
    })
