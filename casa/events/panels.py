"""The events' panel on a Spazio CASA's public page (casa/core/panels.py): its upcoming events
with the places left and a link to register. The hubs app names the place "hubs.page" and
renders `render_panels("hubs.page", request, hub)`; it does not import this app. Registered in
EventsConfig.ready()."""

from . import selectors

# The hub's public page; functions receive (request, hub).
HUB_PAGE = "hubs.page"
TEMPLATE = "events/includes/hub_panel.html"
SHOWN = 5


def hub_page_panel(request, hub):
    """(template, context) for everyone: events are public, and registering asks to log in."""
    events = selectors.upcoming_for_hub(hub, limit=SHOWN + 1)
    return TEMPLATE, {"hub": hub, "events": events[:SHOWN], "more": len(events) > SHOWN}
