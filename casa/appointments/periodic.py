"""The appointments' periodic job (casa/core/periodic.py): hourly, the day-before reminders
(each appointment is reminded once for its start, however often this runs)."""

import datetime as dt

from casa.core import periodic

from .reminders import send_due_reminders


def send_reminders():
    return f"{send_due_reminders()} reminder(s) sent"


periodic.register("appointments.send_due_reminders", every=dt.timedelta(hours=1),
                  function=send_reminders)
