"""The places on the hubs' pages where other apps contribute a panel (casa/core/panels.py), so
that the hubs show them without importing those apps.

The public page of a hub. Functions receive (request, hub) and return (template name,
context), or None. The page is public: a panel shows only what anyone may see, or checks the
user itself. The events app lists the hub's upcoming events here; the appointments app, how to
book a meeting.
"""

HUB_PAGE = "hubs.page"
