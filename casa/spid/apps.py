from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpidConfig(AppConfig):
    name = "casa.spid"
    verbose_name = _("SPID and CIE login")

    def ready(self):
        from . import signals  # noqa: F401 (receivers)
