from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    """Case files (presa in carico): a Community Manager's work with a household or one of its
    members, from the needs assessment through a plan, contacts and referrals to closure
    (issue 11)."""

    name = "casa.casework"
    label = "casework"
    verbose_name = _("Case files")

    def ready(self):
        from casa.core.panels import register_panel
        from casa.registry.panels import HOUSEHOLD_PAGE

        from . import access  # noqa: F401  declares who reads and works on case files
        from .panels import household_panel

        # The register's household page lists its case files and links to opening one.
        register_panel(HOUSEHOLD_PAGE, household_panel, order=40)
