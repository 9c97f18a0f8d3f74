"""The portal's panel on the register's household page: a link to the tenant's "My home" as
the tenant sees it, for the staff who may open it."""

from casa.core.access import can


def household_panel(request, household):
    if not can(request.user, "portal.view_tenant_home") or household.tenancy_end is not None:
        return None
    return "portal/includes/household_panel.html", {"household": household}
