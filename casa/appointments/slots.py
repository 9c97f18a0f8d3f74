"""Free times in a Community Manager's day: pure functions over aware datetimes, with no
database inside (booking.py reads the hours and the bookings, then asks here)."""

import datetime as dt


def overlaps(start, end, busy):
    """Whether [start, end) overlaps any (start, end) of `busy`."""
    return any(start < other_end and other_start < end for other_start, other_end in busy)


def free_starts(periods, busy, *, minutes, not_before=None):
    """The starts of the free slots of `minutes` in `periods` ([(start, end)] at the desk),
    stepping by the slot's length from each period's start: not overlapping `busy`, not
    starting before `not_before`, ending within the period."""
    length = dt.timedelta(minutes=minutes)
    starts = []
    for period_start, period_end in sorted(periods):
        start = period_start
        while start + length <= period_end:
            if (not_before is None or start >= not_before) and not overlaps(
                    start, start + length, busy):
                starts.append(start)
            start += length
    return starts
