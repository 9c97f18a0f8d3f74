from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "casa.hubs"
    label = "hubs"
    verbose_name = _("Spazi CASA")

    def ready(self):
        from . import access  # noqa: F401  declares the hubs' capabilities
