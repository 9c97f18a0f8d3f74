"""Who may read the register, and which households each user may see.

Imported by RegistryConfig.ready(), which declares the register's capabilities and record types
with core's permission layer (casa/core/access.py).
"""

from django.db.models import Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import declare_capabilities, declare_record_types

from .models import Household, Member

R = Role
# Social coordinators (issue 11) read the households of their hubs, whose case files they
# supervise: hub-scoped, as the Community Managers.
REGISTER_READERS = frozenset({R.COMMUNITY_MANAGER, R.CARE_STAFF, R.BENEFIT_OFFICER, R.APPROVER,
                              R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN,
                              R.SOCIAL_COORDINATOR})

declare_capabilities({
    "registry.search_households": REGISTER_READERS,
    "registry.view_household": REGISTER_READERS,
    "tenant.view_own_household": {R.TENANT},
})

# The register's records in a household's history: whoever may open the household page.
declare_record_types({
    "registry.household": "registry.view_household",
    "registry.member": "registry.view_household",
    "registry.iseedeclaration": "registry.view_household",
    "registry.heatingcharge": "registry.view_household",
    "registry.unit": "registry.view_household",
    "registry.building": "registry.view_household",
    "registry.hub": "registry.view_household",
})


def household_scope(user):
    """A Q filter on Household for the households `user` may see: a tenant the current
    household in which their fiscal code has a current membership; Community Managers, care
    staff and social coordinators the households of their hubs' buildings; the other register
    readers the whole register.

    Every page, download and API call of a tenant reads through this on each request, so a
    member whom an import ends (or moves) loses the household on their next request, in the
    same session."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.role == R.TENANT:
        if not user.fiscal_code:
            return Q(pk__in=[])
        memberships = Member.objects.current().filter(fiscal_code=user.fiscal_code)
        return Q(pk__in=memberships.values("household_id"), tenancy_end__isnull=True)
    if user.role in HUB_SCOPED_ROLES:
        return Q(unit__building__hub__in=user.hubs.all())
    if user.role in REGISTER_READERS:
        return Q()
    return Q(pk__in=[])


def visible_households(user):
    return Household.objects.filter(household_scope(user))
