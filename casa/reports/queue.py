"""Reads for the staff's pages of problem reports: the queue (filtered, urgent first then by
due date), a building's open and recent reports, and who a report can be given to. Every read
starts from selectors.visible_reports, the one scope; the rows carry what a page shows, in a
fixed number of queries whatever the number of reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Value, When

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import can
from casa.registry.models import Building, Hub

from .models import Category
from .rules import FINAL, OPEN, Status
from .selectors import visible_reports

OPEN_STATUSES = sorted(OPEN)  # one spelling, which the partial index of the queue names too
ALL = "all"
OPEN_FILTER = "open"
# What a row of a list shows: one query with the page's reports.
ROW_RELATIONS = ("category", "building", "unit", "assigned_to")
RECENT_DAYS = 90
RECENT_LIMIT = 20
BUILDING_OPEN_LIMIT = 100


@dataclass(frozen=True)
class Filters:
    hub: Hub | None = None
    building: Building | None = None
    category: Category | None = None
    status: str = OPEN_FILTER  # "open", "all" or one Status
    urgent: bool = False
    late: bool = False


def hubs_for(user):
    """The hubs the queue can be filtered by: a hub-scoped user's own."""
    if user.role in HUB_SCOPED_ROLES:
        return user.hubs.order_by("name")
    return Hub.objects.order_by("name")


def building_for(user, code):
    """The building `code` if `user` may read its reports (the same rule as the report scope:
    hub-scoped staff their hubs' buildings, whole-register readers any), else None."""
    if not code or not can(user, "reports.view") or user.role == Role.TENANT:
        return None
    buildings = Building.objects.select_related("hub").filter(code=code)
    if user.role in HUB_SCOPED_ROLES:
        buildings = buildings.filter(hub__in=user.hubs.all())
    return buildings.first()


def queue(user, filters: Filters, *, now: dt.datetime):
    """The reports of `user`'s scope that `filters` select, urgent first, then by due date:
    for counting and paging. The page's rows come with ROW_RELATIONS (no query per row)."""
    reports = visible_reports(user)
    if filters.hub is not None:
        reports = reports.filter(building__hub=filters.hub)
    if filters.building is not None:
        reports = reports.filter(building=filters.building)
    if filters.category is not None:
        reports = reports.filter(category=filters.category)
    if filters.status == OPEN_FILTER or filters.late:
        reports = reports.filter(status__in=OPEN_STATUSES)
    if filters.status not in (OPEN_FILTER, ALL):
        reports = reports.filter(status=filters.status)
    if filters.urgent:
        reports = reports.filter(urgent=True)
    if filters.late:
        reports = reports.filter(due_at__lt=now)
    return reports.select_related(*ROW_RELATIONS).order_by("-urgent", "due_at", "id")


def waiting_for(user, *, now: dt.datetime, limit=5):
    """i11day, the Community Manager's day: (how many open reports of `user`'s scope wait for
    them, the first `limit`): new ones (not taken in charge yet), late ones, and those given
    to them; the late first, then the new, then urgent, then by due date. Two queries."""
    reports = (visible_reports(user).filter(status__in=OPEN_STATUSES)
               .filter(Q(status=Status.NEW) | Q(due_at__lt=now) | Q(assigned_to=user)))
    ranked = reports.annotate(
        late_rank=Case(When(due_at__lt=now, then=Value(0)), default=Value(1),
                       output_field=IntegerField()),
        new_rank=Case(When(status=Status.NEW, then=Value(0)), default=Value(1),
                      output_field=IntegerField()))
    rows = list(ranked.select_related(*ROW_RELATIONS)
                .order_by("late_rank", "new_rank", "-urgent", "due_at", "id")[:limit])
    for report in rows:
        report.late = report.late_rank == 0
    return reports.count(), rows


def building_reports(user, building, *, now: dt.datetime):
    """(open, recent) reports of `building` in `user`'s scope: the open ones as in the queue,
    and those that ended in the last RECENT_DAYS days (resolved, closed, rejected, merged),
    newest first. Two queries."""
    reports = visible_reports(user).filter(building=building).select_related(*ROW_RELATIONS)
    open_reports = list(reports.filter(status__in=OPEN_STATUSES)
                        .order_by("-urgent", "due_at", "id")[:BUILDING_OPEN_LIMIT])
    since = now - dt.timedelta(days=RECENT_DAYS)
    recent = list(reports.filter(status__in=[Status.RESOLVED, *sorted(FINAL)],
                                 created_at__gte=since)
                  .order_by("-created_at", "-id")[:RECENT_LIMIT])
    return open_reports, recent


def household_reports(user, household, *, limit=5):
    """The latest reports made for `household` that `user` may see (the household page)."""
    return list(visible_reports(user).filter(household=household).select_related("category")
                .order_by("-created_at", "-id")[:limit])


def assignable_staff(report):
    """The staff of the report's hub who may work on it or read it, to give it to."""
    if report.building.hub_id is None:
        return get_user_model().objects.none()
    return (get_user_model().objects
            # Issue 11: social coordinators are hub-scoped but do not read reports.
            .filter(is_active=True,
                    role__in=sorted(HUB_SCOPED_ROLES - {Role.SOCIAL_COORDINATOR}),
                    hubs=report.building.hub_id)
            .order_by("last_name", "first_name", "email").distinct())


def report_for_staff(user, pk):
    """The report `pk` with what its staff page shows, or None outside `user`'s scope."""
    return (visible_reports(user)
            .select_related("category", "building__hub", "unit", "household__unit",
                            "reported_by", "assigned_to", "merged_into", "split_from")
            .filter(pk=pk).first())


def history(report):
    """The whole history, internal notes and assignments included (staff only)."""
    return list(report.updates.select_related("actor", "related__category")
                .order_by("at", "id"))
