"""The case files' panel on the register's household page: the household's case files, for the
staff who read them (Community Managers and social coordinators of its hub), and the link to
open one, for Community Managers. Care staff and everyone else see no panel at all."""

from casa.core.access import can

from . import selectors

TEMPLATE = "casework/staff/includes/household_panel.html"


def household_panel(request, household):
    user = request.user
    if not can(user, "casework.view"):
        return None
    cases = selectors.household_cases(user, household)
    may_open = selectors.household_for_opening(user, household.code) is not None
    return TEMPLATE, {"household": household, "cases": cases, "may_open": may_open}
