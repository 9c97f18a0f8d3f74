"""Problem reports' periodic job (casa/core/periodic.py): daily, close the resolved reports
that nobody said were not fixed within rules.REOPEN_DAYS (safe to run again: it picks up only
what is still resolved and old enough)."""

import datetime as dt

from casa.core import periodic

from .services import reports_close_resolved


def close_resolved():
    return f"{reports_close_resolved()} report(s) closed"


periodic.register("reports.close_resolved", every=dt.timedelta(days=1), function=close_resolved)
