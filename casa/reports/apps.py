from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Problem reports (segnalazioni): what tenants and staff report about a home or a
    building, and the agency's work on it until it is fixed (issue 10)."""

    name = "casa.reports"
    label = "reports"
    verbose_name = _("Problem reports")

    def ready(self):
        from casa.core.panels import register_panel
        from casa.registry.panels import HOUSEHOLD_PAGE

        from . import access  # noqa: F401  declares who reports, who sees and who triages
        from .panels import household_panel

        # The register's household page lists its reports and links to reporting for it.
        register_panel(HOUSEHOLD_PAGE, household_panel, order=50)
