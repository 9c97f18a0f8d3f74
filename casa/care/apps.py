from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    """The care and vigilance staff's work (issue 11): rounds of the buildings, incidents, and
    the fragile residents they look in on."""

    name = "casa.care"
    label = "care"
    verbose_name = _("Care and vigilance")

    def ready(self):
        from . import access  # noqa: F401  declares who does rounds and who reads them
