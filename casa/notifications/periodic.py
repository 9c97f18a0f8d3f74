"""The notifications' periodic job (casa/core/periodic.py): every minute, queue the messages
that are due and have no delivery task waiting (retries, tasks lost by the queue)."""

import datetime as dt

from casa.core import periodic

from .tasks import retry_due_messages


def send_pending_messages():
    return f"{retry_due_messages()} message(s) queued for delivery"


periodic.register("notifications.send_pending_messages", every=dt.timedelta(minutes=1),
                  function=send_pending_messages)
