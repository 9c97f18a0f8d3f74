"""The portal's system checks, registered by PortalConfig.ready()."""

from django.conf import settings
from django.core import checks

from .home import USEFUL_NUMBERS


@checks.register(checks.Tags.compatibility, deploy=True)
def useful_numbers_check(app_configs=None, **kwargs):
    """`manage.py check --deploy` warns while a useful number is not set: the tenants' home
    would not show it."""
    return [checks.Warning(f"{name} is not set: the tenants' home does not show this useful "
                           "number (docs/deployment.md).", id="casa.W001")
            for _key, _label, name in USEFUL_NUMBERS
            if not getattr(settings, name, "").strip()]
