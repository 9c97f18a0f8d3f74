"""Who may open which of the portal's pages. Imported by PortalConfig.ready(); the mechanism is
casa/core/access.py, the household scope casa/registry/access.py.

A Community Manager at the desk opens a tenant's "My home" read only, to guide them through
it: only for the households of their hubs (the register's scope), and every opening is in the
audit trail (views.tenant_home)."""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities

declare_capabilities({
    "portal.view_tenant_home": {Role.COMMUNITY_MANAGER},
    # i11day: the Community Manager's day (portal/day.py), their landing page; social
    # coordinators see the sections their own capabilities allow (their hubs' cases).
    "portal.view_staff_day": {Role.COMMUNITY_MANAGER, Role.SOCIAL_COORDINATOR},
})
