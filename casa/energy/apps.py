from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyConfig(AppConfig):
    name = "casa.energy"
    label = "energy"
    verbose_name = _("Energy contribution")
