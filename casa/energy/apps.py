from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyConfig(AppConfig):
    name = "casa.energy"
    label = "energy"
    verbose_name = _("Energy contribution")

    def ready(self):
        from casa.core.panels import register_panel
        from casa.registry.panels import HOUSEHOLD_PAGE
        from casa.registry.signals import heating_charges_changed

        from . import access  # noqa: F401  declares the contribution's capabilities
        from .panels import household_panel
        from .recompute import on_heating_charges_changed

        # New heating charges from a register import: recompute the decisions they change.
        heating_charges_changed.connect(on_heating_charges_changed,
                                        dispatch_uid="energy.recompute_on_new_charges")
        # The household's applications and decision letters on the register's household page.
        register_panel(HOUSEHOLD_PAGE, household_panel)
