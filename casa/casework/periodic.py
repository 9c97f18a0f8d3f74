"""Case files' periodic job (casa/core/periodic.py): daily, remind owners of overdue plan
actions (safe to run again: each action is reminded once per owner)."""

import datetime as dt

from casa.core import periodic

from .services import remind_overdue


def remind():
    return f"{remind_overdue()} reminder(s) written"


periodic.register("casework.remind_overdue", every=dt.timedelta(days=1), function=remind)
