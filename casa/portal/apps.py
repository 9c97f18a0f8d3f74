from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that gather several domains (the home pages, the demo), above the domain apps."""

    name = "casa.portal"
    label = "portal"
    verbose_name = _("Portal")
