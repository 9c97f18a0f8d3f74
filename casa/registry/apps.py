from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "casa.registry"
    label = "registry"
    verbose_name = _("Tenant register")

    def ready(self):
        from . import (
            access,  # noqa: F401  declares the register's capabilities and scopes
            languages,  # noqa: F401  a tenant's language at login
        )
