"""The reports' panel on the register's household page: the household's latest reports, for
the staff who read reports, and the link to report a problem for it, for those who may."""

from casa.core.access import can

from . import queue

TEMPLATE = "reports/staff/includes/household_panel.html"


def household_panel(request, household):
    user = request.user
    may_report = (can(user, "reports.report_for_others") and household.tenancy_end is None)
    may_read = can(user, "reports.view")
    if not (may_report or may_read):
        return None
    return TEMPLATE, {"household": household, "may_report": may_report,
                      "reports": queue.household_reports(user, household) if may_read else []}
