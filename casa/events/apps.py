from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "casa.events"
    label = "events"
    verbose_name = _("Events at the Spazi CASA")

    def ready(self):
        from casa.core.panels import register_panel

        from . import access  # noqa: F401  declares who organises and who takes part
        from .panels import HUB_PAGE, hub_page_panel

        # The upcoming events on a hub's public page, without the hubs app importing events.
        register_panel(HUB_PAGE, hub_page_panel)
