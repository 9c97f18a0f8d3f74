"""The pure rules of case files: what is overdue, which action is due next, what a closed case
still accepts. Plain values in, plain values out; no ORM."""

import datetime as dt

# The longest texts people type, so that a page or a message stays readable.
TEXT_MAX = 2000
SHORT_MAX = 300


def is_overdue(due_on: dt.date | None, done_at, today: dt.date) -> bool:
    """An action not done whose due day has passed (the due day itself is not overdue)."""
    return done_at is None and due_on is not None and due_on < today


def next_due(actions, today: dt.date):
    """(the earliest due date among the actions not done, whether it is overdue), or
    (None, False) when none is pending. `actions` are (due_on, done_at) pairs."""
    pending = [due for due, done in actions if done is None and due is not None]
    if not pending:
        return None, False
    first = min(pending)
    return first, first < today
