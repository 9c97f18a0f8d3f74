from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that gather several domains (the home pages, the demo), above the domain apps."""

    name = "casa.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from casa.core.panels import register_panel
        from casa.registry.panels import HOUSEHOLD_PAGE

        from . import (
            access,  # noqa: F401  declares the portal's capabilities
            checks,  # noqa: F401  registers the portal's system checks
            freshness,
        )
        from .panels import household_panel

        # The register's household page links to the tenant's view of their home.
        register_panel(HOUSEHOLD_PAGE, household_panel, order=10)

        # The triggers that invalidate the cached tenant's home are dropped before every
        # migrate and installed after it (casa/portal/freshness.py).
        pre_migrate.connect(freshness.before_migrate, sender=self)
        post_migrate.connect(freshness.after_migrate, sender=self)
