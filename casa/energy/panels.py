"""The energy contribution's panel on the register's staff household page: the household's
applications with their status and a link to every decision letter, so that a Community
Manager can print a letter for a tenant who has no account. Registered in EnergyConfig.ready()
(casa/core/panels.py); the register does not import this module."""

from casa.core.access import can
from casa.registry.access import visible_households

from .letters import letter_available
from .models import Application

TEMPLATE = "energy/includes/household_panel.html"


def household_panel(request, household):
    """(template, context) for users who may read applications and see `household`, else
    None."""
    user = request.user
    if not can(user, "energy.view_applications"):
        return None
    if not visible_households(user).filter(pk=household.pk).exists():
        return None
    applications = (Application.objects.filter(household=household)
                    .select_related("call").prefetch_related("decisions")
                    .order_by("-submitted_at"))
    rows = [(application, [decision for decision in application.decisions.all()
                           if letter_available(decision)])
            for application in applications]
    return TEMPLATE, {
        "household": household,
        "rows": rows,
        "can_apply_assisted": can(user, "energy.apply_assisted"),
    }
