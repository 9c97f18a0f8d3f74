"""Who keeps a Spazio CASA's page up to date, who assigns buildings to hubs, and who records
absences. Imported by HubsConfig.ready(); the mechanism is casa/core/access.py.

The hub pages themselves are public. Community Managers edit the hubs they work in (the views
read through `editable_hubs`, 404 for another hub); programme managers and administrators
edit every hub.
"""

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import declare_capabilities, declare_record_types
from casa.registry.models import Hub

R = Role

declare_capabilities({
    "hubs.edit_hub": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    # Buildings the register leaves without a hub: Community Managers to their own hubs.
    "hubs.assign_buildings": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    # Their own absences: the staff who work at a desk.
    "hubs.record_absence": {R.COMMUNITY_MANAGER, R.CARE_STAFF},
})

# The hubs' own records hold no personal data of tenants: whoever edits hubs reads them.
declare_record_types({
    "hubs.hubprofile": "hubs.edit_hub",
    "hubs.openingperiod": "hubs.edit_hub",
    "hubs.closure": "hubs.edit_hub",
    "hubs.staffhours": "hubs.edit_hub",
    "hubs.absence": "hubs.edit_hub",
})


def editable_hubs(user):
    """The hubs `user` may edit and assign buildings to: their own for Community Managers,
    every hub for programme managers and administrators, none for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return Hub.objects.none()
    if user.role in HUB_SCOPED_ROLES:
        return user.hubs.all() if user.role == R.COMMUNITY_MANAGER else Hub.objects.none()
    if user.role in (R.PROGRAMME_MANAGER, R.ADMIN):
        return Hub.objects.all()
    return Hub.objects.none()
