"""When a Spazio CASA is open, and when a staff member is at its desk: pure functions over
plain values (weekly periods, closures, absences, holidays), with no database inside.

Weekly periods are {weekday: [(start time, end time), ...]} with Monday as 0; closures and
absences are (first day, last day, reason) with both days included.
"""

import datetime as dt
from dataclasses import dataclass, field

from .holidays import holiday_name


@dataclass(frozen=True)
class Day:
    """One day at a hub: its periods, or why it is closed (a closure's reason or a holiday's
    name; `closed_because` is empty when the hub simply does not open that weekday)."""

    date: dt.date
    periods: tuple = ()
    closed_because: str = ""
    holiday: bool = False

    @property
    def is_open(self):
        return bool(self.periods)

    def is_open_at(self, time):
        return any(start <= time < end for start, end in self.periods)

    def next_period(self, time):
        """The first period that has not ended at `time`, or None."""
        return next(((start, end) for start, end in self.periods if end > time), None)


def closure_on(day, closures):
    """The reason of the first closure (first, last, reason) covering `day`, or ""."""
    for first, last, reason in closures:
        if first <= day <= last:
            return reason or "-"
    return ""


def day_at(day, weekly, closures=()):
    """The hub's `Day` for `day`: closed on a public holiday or during a closure, else the
    weekday's periods, sorted."""
    holiday = holiday_name(day)
    if holiday is not None:
        return Day(day, (), str(holiday), holiday=True)
    reason = closure_on(day, closures)
    if reason:
        return Day(day, (), reason)
    return Day(day, tuple(sorted(weekly.get(day.weekday(), ()))))


def days_at(first, count, weekly, closures=()):
    return [day_at(first + dt.timedelta(days=offset), weekly, closures)
            for offset in range(count)]


@dataclass(frozen=True)
class Duty:
    """A staff member's periods at a hub on one day (empty when away or the hub is closed)."""

    user_id: int
    periods: tuple = field(default=())
    away_because: str = ""


def duty_on(day, *, user_id, weekly, hub_closures=(), absences=()):
    """A staff member's `Duty` on `day` at a hub: none on a public holiday, a hub closure or
    an absence of theirs, else their weekday's periods."""
    hub_day = day_at(day, {}, hub_closures)
    if hub_day.closed_because:
        return Duty(user_id, (), hub_day.closed_because)
    reason = closure_on(day, absences)
    if reason:
        return Duty(user_id, (), reason)
    return Duty(user_id, tuple(sorted(weekly.get(day.weekday(), ()))))


def overlapping(periods):
    """Whether any two (start, end) periods overlap (touching ends do not)."""
    ordered = sorted(periods)
    return any(ordered[i][1] > ordered[i + 1][0] for i in range(len(ordered) - 1))
