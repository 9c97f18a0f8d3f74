"""The notices' periodic job (casa/core/periodic.py): every 5 minutes, send the urgent notices
whose publication has started since they were saved (a notice is never sent twice)."""

import datetime as dt

from casa.core import periodic

from .services import send_due_urgent_notices


def send_urgent_notices():
    return f"{len(send_due_urgent_notices())} urgent notice(s) sent"


periodic.register("notices.send_urgent_notices", every=dt.timedelta(minutes=5),
                  function=send_urgent_notices)
