from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "casa.notices"
    label = "notices"
    verbose_name = _("Notices")

    def ready(self):
        from . import access  # noqa: F401  declares who publishes and who reads notices
