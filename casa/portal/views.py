"""The pages above the domains: the public home page (and where each user lands after logging
in) and the tenant's home. Each domain contributes through plain functions this module calls
(casa.energy.home); no domain imports the portal."""

from django.shortcuts import redirect, render

from casa.appointments import selectors as appointments
from casa.core.access import allow, can, public
from casa.energy import home as energy_home
from casa.hubs import selectors as hubs
from casa.registry import selectors as register


@public
def home(request):
    user = request.user
    if user.is_authenticated:
        if can(user, "registry.search_households"):
            return redirect("registry:household_search")
        if can(user, "tenant.view_own_household"):
            return redirect("portal:my_home")
    return render(request, "portal/home.html", {"energy": energy_home.public_notice()})


@allow("tenant.view_own_household")
def my_home(request):
    household = register.tenant_household(request.user)
    hub = household.unit.building.hub if household else None
    return render(request, "portal/my_home.html", {
        "household": household,
        "hub": hub,
        "members": register.members_in_order(household) if household else [],
        "managers": register.hub_community_managers(hub),
        # Where the household stands with each call of the energy contribution.
        "energy_lines": energy_home.tenant_lines(household) if household else [],
        # Issue 9: the household's Spazio CASA (or the nearest, said so) and its next
        # appointment, in a block of their own until the lead assembles "My home".
        "hub_for_home": hubs.hub_for_household(household) if household else None,
        "next_appointment": appointments.next_appointment(household),
    })
