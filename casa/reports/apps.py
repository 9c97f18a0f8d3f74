from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Problem reports (segnalazioni): what tenants and staff report about a home or a
    building, and the agency's work on it until it is fixed (issue 10)."""

    name = "casa.reports"
    label = "reports"
    verbose_name = _("Problem reports")

    def ready(self):
        from . import access  # noqa: F401  declares who reports, who sees and who triages
