from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "casa.appointments"
    label = "appointments"
    verbose_name = _("Appointments")

    def ready(self):
        from casa.core.panels import register_panel
        from casa.hubs.panels import HUB_PAGE
        from casa.hubs.signals import absence_added, closure_added

        from . import access  # noqa: F401  declares the appointments' capabilities
        from .panels import hub_page_panel
        from .services import on_absence_added, on_closure_added

        # A closure of the hub, or an absence of a Community Manager, cancels the bookings it
        # hits, in the same transaction, and tells the tenants.
        closure_added.connect(on_closure_added, dispatch_uid="appointments.on_closure")
        absence_added.connect(on_absence_added, dispatch_uid="appointments.on_absence")
        # How to book, on the hub's public page.
        register_panel(HUB_PAGE, hub_page_panel)
