"""How to book a Community Manager, on a hub's public page (casa.hubs.panels.HUB_PAGE)."""

from casa.core.access import can
from casa.registry.selectors import tenant_household

from .services import bookable_hubs

TEMPLATE = "appointments/includes/hub_panel.html"


def hub_page_panel(request, hub):
    """Visitors are asked to log in; a tenant whose hub this is gets the booking button;
    others (staff, tenants of another hub) see nothing."""
    user = request.user
    if not user.is_authenticated:
        return TEMPLATE, {"hub": hub, "visitor": True}
    if not can(user, "appointments.book"):
        return None
    household = tenant_household(user)
    if household is None or hub not in bookable_hubs(household):
        return None
    return TEMPLATE, {"hub": hub, "visitor": False}
