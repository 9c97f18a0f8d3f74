from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "casa.notifications"
    verbose_name = _("Messages to tenants")

    def ready(self):
        from . import access  # noqa: F401  declares who reads messages
