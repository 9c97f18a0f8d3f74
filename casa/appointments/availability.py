"""Which times are free: the reads every booking path goes through, the tenant's picker, the
Community Manager's phone booking and the check made under the lock before a booking is
written (services.py). One policy says who may book what: `policy_for`.

A Community Manager is free at a time when they are at the hub's desk then (casa/hubs
`desk_periods`: their weekly hours, less public holidays, the hub's closures and their
absences) and no active booking of theirs overlaps it.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from casa.accounts.models import Role
from casa.hubs import selectors as hubs

from .models import ACTIVE, DEFAULT_MINUTES, Appointment, Kind, Topic, TopicLength
from .slots import free_starts


@dataclass(frozen=True)
class TopicOption:
    value: str
    label: str
    minutes: int


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    manager_id: int


@dataclass(frozen=True)
class Policy:
    """Who books, and within which limits: a tenant books any Community Manager of the hub
    from `lead` hours ahead up to `horizon` days ahead; a Community Manager books into their
    own agenda, any time from now."""

    tenant: bool
    managers: tuple
    not_before: dt.datetime
    first_day: dt.date
    last_day: dt.date


def policy_for(acting_user, hub, now=None):
    now = now or timezone.now()
    zone = hubs.hub_zone(hub)
    today = now.astimezone(zone).date()
    managers = hubs.community_managers(hub)
    if acting_user.role == Role.TENANT:
        not_before = now + dt.timedelta(hours=settings.CASA_APPOINTMENT_LEAD_HOURS)
        return Policy(True, tuple(managers), not_before, not_before.astimezone(zone).date(),
                      today + dt.timedelta(days=settings.CASA_APPOINTMENT_HORIZON_DAYS))
    own = tuple(manager for manager in managers if manager.pk == acting_user.pk)
    return Policy(False, own, now, today, today + dt.timedelta(days=366))


def topic_minutes(hub, topic):
    own = TopicLength.objects.filter(hub=hub, topic=topic).values_list("minutes",
                                                                       flat=True).first()
    return own or DEFAULT_MINUTES[Topic(topic)]


def topic_options(hub):
    own = dict(TopicLength.objects.filter(hub=hub).values_list("topic", "minutes"))
    return [TopicOption(topic.value, topic.label, own.get(topic.value, DEFAULT_MINUTES[topic]))
            for topic in Topic]


def busy_map(manager_ids, first, last, *, zone, exclude=None):
    """{manager id: [(start, end)]} of the active bookings overlapping [first, last]."""
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    rows = (Appointment.objects.filter(ACTIVE, kind=Kind.APPOINTMENT,
                                       manager_id__in=manager_ids, starts_at__lt=end,
                                       ends_at__gt=start))
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    busy = {}
    for manager_id, starts_at, ends_at in rows.values_list("manager_id", "starts_at", "ends_at"):
        busy.setdefault(manager_id, []).append((starts_at, ends_at))
    return busy


def free_map(hub, topic, first, last, policy, *, exclude=None):
    """{(manager id, date): [free starts]} within the policy's limits."""
    first, last = max(first, policy.first_day), min(last, policy.last_day)
    if first > last or not policy.managers:
        return {}
    minutes = topic_minutes(hub, topic)
    zone = hubs.hub_zone(hub)
    periods = hubs.desk_periods(hub, first, last, managers=list(policy.managers))
    busy = busy_map([manager.pk for manager in policy.managers], first, last, zone=zone,
                    exclude=exclude)
    free = {}
    for (manager_id, day), day_periods in periods.items():
        starts = free_starts(day_periods, busy.get(manager_id, []), minutes=minutes,
                             not_before=policy.not_before)
        if starts:
            free[(manager_id, day)] = starts
    return free


def free_days(hub, topic, policy, *, exclude=None):
    """The days with at least one free time, in order."""
    return sorted({day for _manager, day in free_map(hub, topic, policy.first_day,
                                                     policy.last_day, policy,
                                                     exclude=exclude)})


def free_times(hub, topic, day, policy, *, exclude=None):
    """[Slot] of `day`, one per start: with the Community Manager who has the fewest bookings
    that day (then the first by id), or, when moving, the one already booked if free."""
    free = free_map(hub, topic, day, day, policy, exclude=exclude)
    minutes = dt.timedelta(minutes=topic_minutes(hub, topic))
    load = {manager_id: len(starts) for (manager_id, _day), starts in free.items()}
    by_start = {}
    for (manager_id, _day), starts in free.items():
        for start in starts:
            by_start.setdefault(start, []).append(manager_id)
    slots = []
    for start in sorted(by_start):
        candidates = preferred(by_start[start], load, keep=exclude)
        slots.append(Slot(start, start + minutes, candidates[0]))
    return slots


def preferred(manager_ids, load, keep=None):
    """Candidates in order: the appointment's own manager first when moving, then the least
    booked that day (most free slots), then by id."""
    return sorted(manager_ids, key=lambda manager_id: (
        keep is None or manager_id != keep.manager_id, -load.get(manager_id, 0), manager_id))


def managers_free_at(hub, topic, starts_at, policy, *, exclude=None):
    """The ids of the Community Managers free at `starts_at`, in the order to try them."""
    day = starts_at.astimezone(hubs.hub_zone(hub)).date()
    free = free_map(hub, topic, day, day, policy, exclude=exclude)
    load = {manager_id: len(starts) for (manager_id, _day), starts in free.items()}
    return preferred([manager_id for (manager_id, _day), starts in free.items()
                      if starts_at in starts], load, keep=exclude)
