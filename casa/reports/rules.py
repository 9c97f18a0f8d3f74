"""The rules of problem reports, as data and pure functions: where a report can be, the
statuses and the changes allowed between them, who may make each change, and when a report is
late. services.py applies them; nothing here touches the database."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

# A tenant may say "it is not fixed" for this many days after a report is resolved; then the
# report closes (services.reports_close_resolved, a periodic job).
REOPEN_DAYS = 14
MAX_PHOTOS = 5
DESCRIPTION_MAX = 2000


class Place(models.TextChoices):
    FLAT = "flat", _("My flat")
    ENTRANCE = "entrance", _("My entrance and stairs")
    COURTYARD = "courtyard", _("Courtyard")
    CELLAR = "cellar", _("Cellars")
    GARAGE = "garage", _("Garage")
    ROOF = "roof", _("Roof and terraces")
    OTHER_COMMON = "other_common", _("Another common area")


# The places as staff and contractors read them: the tenants' labels say "my".
NEUTRAL_PLACE = {Place.FLAT: _("Flat"), Place.ENTRANCE: _("Entrance and stairs")}


def place_label(place: str) -> str:
    """Where a report is, in words for staff and contractors (not "my flat")."""
    return str(NEUTRAL_PLACE.get(place) or Place(place).label)


# A report about a common area can be seen and followed by the tenants of the building; one
# about a flat stays private to its household and the staff.
COMMON_AREAS = frozenset(Place) - {Place.FLAT}


class Team(models.TextChoices):
    MAINTENANCE = "maintenance", _("Aler's technical office (maintenance)")
    COMMUNITY_MANAGER = "community_manager", _("Community Manager")
    CARE_STAFF = "care_staff", _("Care and vigilance staff")
    CLEANING = "cleaning", _("Cleaning and waste")


class Status(models.TextChoices):
    NEW = "new", _("New")
    TAKEN = "taken", _("Taken in charge")
    MAINTENANCE = "maintenance", _("Sent to maintenance")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for a third party")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another report")


S = Status
OPEN = frozenset({S.NEW, S.TAKEN, S.MAINTENANCE, S.IN_PROGRESS, S.WAITING})
FINAL = frozenset({S.CLOSED, S.REJECTED, S.MERGED})

# The staff's workflow: every change a staff member may make, from each status. Resolved goes
# back to in progress when the reporter says it is not fixed (REPORTER_CHANGES), or when staff
# find it is not.
STAFF_CHANGES = {
    S.NEW: {S.TAKEN, S.MAINTENANCE, S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.REJECTED, S.MERGED},
    S.TAKEN: {S.MAINTENANCE, S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.REJECTED, S.MERGED},
    S.MAINTENANCE: {S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.MERGED},
    S.IN_PROGRESS: {S.MAINTENANCE, S.WAITING, S.RESOLVED, S.MERGED},
    S.WAITING: {S.MAINTENANCE, S.IN_PROGRESS, S.RESOLVED, S.MERGED},
    S.RESOLVED: {S.IN_PROGRESS, S.CLOSED},
    S.CLOSED: set(),
    S.REJECTED: set(),
    S.MERGED: set(),
}
# The reporter's own answers to "is it really fixed?", while the report is resolved.
REPORTER_CHANGES = {S.RESOLVED: {S.IN_PROGRESS, S.CLOSED}}


def may_send_to_contractor(status: str) -> bool:
    """An open report can be sent to a contractor (again, or to another one)."""
    return status in OPEN


def send_moves_to(status: str) -> str | None:
    """The status a report takes when it is sent to a contractor: "sent to maintenance", when
    the workflow allows that change from where it is; None: it stays as it is (already with
    maintenance, or being fixed)."""
    return S.MAINTENANCE if S.MAINTENANCE in STAFF_CHANGES.get(status, set()) and status in {
        S.NEW, S.TAKEN} else None


def staff_may_change(current: str, new: str) -> bool:
    return new in STAFF_CHANGES.get(current, set())


def reporter_may_change(current: str, new: str, *, resolved_at, now) -> bool:
    """The reporter confirms or reopens a resolved report, within REOPEN_DAYS of its
    resolution."""
    return (new in REPORTER_CHANGES.get(current, set()) and resolved_at is not None
            and now < reopen_until(resolved_at))


def reopen_until(resolved_at: dt.datetime) -> dt.datetime:
    return resolved_at + dt.timedelta(days=REOPEN_DAYS)


def due_at(created_at: dt.datetime, target_hours: int) -> dt.datetime:
    return created_at + dt.timedelta(hours=target_hours)


def is_late(status: str, due: dt.datetime | None, now: dt.datetime) -> bool:
    """An open report past its category's target time."""
    return status in OPEN and due is not None and now > due


# Each status as the tenant's pages say it, in plain words (the staff's pages use the labels).
PLAIN_STATUS = {
    S.NEW: _("Received: it will be taken in charge soon"),
    S.TAKEN: _("Taken in charge by Aler's staff"),
    S.MAINTENANCE: _("Sent to the maintenance team"),
    S.IN_PROGRESS: _("Being fixed"),
    S.WAITING: _("Waiting for someone outside Aler (a supplier, another office)"),
    S.RESOLVED: _("Fixed, according to the staff"),
    S.CLOSED: _("Closed"),
    S.REJECTED: _("Not accepted"),
    S.MERGED: _("Joined to another report of the same problem"),
}


def plain_status(status: str) -> str:
    return str(PLAIN_STATUS.get(status, status))


# --- Splitting ---------------------------------------------------------------------------------

# A report about two problems becomes two while it is being worked on; once it has ended, a
# second problem is a new report.
SPLITTABLE = OPEN


def may_split(status: str) -> bool:
    return status in SPLITTABLE


def followers_join_part(place: str) -> bool:
    """Whether the followers of a split report follow its part too: only a part about a common
    area, the only reports the building's tenants may see and follow."""
    return place in COMMON_AREAS
