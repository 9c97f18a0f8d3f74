"""Reads of the care and vigilance staff's records. Every read starts from `building_scope`,
the one scope:

- care staff and Community Managers see the buildings of their hubs, and work in them;
- programme managers and administrators read every building's;
- anyone else, none.

A fragile resident whose consent was withdrawn, or who is no longer a member of the household,
is hidden from then on.
"""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import can
from casa.registry.models import Building

from . import rules
from .models import Flag, FragileResident, Incident, Round, RoundCheck, Visit

WIDE_READERS = frozenset({Role.PROGRAMME_MANAGER, Role.ADMIN})


def building_scope(user) -> Q:
    """A Q on Building: the buildings whose rounds, incidents and residents `user` reads."""
    if not getattr(user, "is_authenticated", False) or not can(user, "care.view"):
        return Q(pk__in=[])
    if user.role in HUB_SCOPED_ROLES:
        return Q(hub__in=user.hubs.all())
    if user.role in WIDE_READERS:
        return Q()
    return Q(pk__in=[])


def visible_buildings(user):
    return Building.objects.filter(building_scope(user))


def works_in(user, building) -> bool:
    """Whether `user` does rounds, incidents and visits in `building`: care staff and
    Community Managers in the buildings of their hubs. Every write checks it."""
    return (can(user, "care.work") and user.role in HUB_SCOPED_ROLES
            and building is not None and building.hub_id is not None
            and user.hubs.filter(pk=building.hub_id).exists())


def working_buildings(user):
    """The buildings `user` works in (works_in, for many at once): one query, not one per
    building (bench/casework_scale.py: the rounds page read 267 queries for a hub's buildings)."""
    if not can(user, "care.work") or user.role not in HUB_SCOPED_ROLES:
        return Building.objects.none()
    return Building.objects.filter(hub__isnull=False, hub__in=user.hubs.all())


def visible_rounds(user):
    return Round.objects.filter(building__in=visible_buildings(user))


def visible_round(user, pk):
    return (visible_rounds(user).select_related("building", "done_by").filter(pk=pk).first())


def visible_check(user, pk):
    """A round's item `pk` if `user` may see its round, else None."""
    return (RoundCheck.objects.select_related("round__building", "report")
            .filter(pk=pk, round__in=visible_rounds(user)).first())


def already_sent(submission_key, user):
    """The round `user` saved with this form's key, or None (the same form sent again)."""
    if submission_key is None:
        return None
    return Round.objects.filter(submission_key=submission_key, done_by=user).first()


def visible_incidents(user):
    return Incident.objects.filter(building__in=visible_buildings(user))


def visible_residents(user):
    """The fragile residents `user` may see: of the buildings in scope, still members of their
    household, whose consent stands."""
    return (FragileResident.objects
            .filter(consent_withdrawn_on__isnull=True, member__ended_on__isnull=True,
                    member__household__tenancy_end__isnull=True,
                    member__household__unit__building__in=visible_buildings(user))
            .select_related("member__household__unit__building"))


def visible_resident(user, pk):
    return visible_residents(user).filter(pk=pk).first()


# The fragile residents a page lists (the staff page and the API).
RESIDENTS_PAGE_SIZE = 50


class ResidentsByDue:
    """The fragile residents `user` may see as (resident, next visit due, overdue), the visits
    due first, to page (i11page): a light query reads every resident's last visit (an index
    read each, care_visit_idx) and rules.next_visit_due orders them; only the rows of the
    page asked are read in full. Three queries whatever the number of residents, where
    reading them all with a grouped Max over their visits took 0.8 s for a hub's
    (bench/casework_scale.py). `due_only`: those due by `today`."""

    def __init__(self, user, today, *, due_only=False):
        last = (Visit.objects.filter(resident=OuterRef("pk")).order_by("-visited_at")
                .values("visited_at")[:1])
        self.user, self.today = user, today
        order = []
        for pk, last_visit, consent_on, every_days in (
                visible_residents(user).annotate(last_visit=Subquery(last))
                .values_list("pk", "last_visit", "consent_on", "visit_every_days")):
            due = rules.next_visit_due(
                last_visit=timezone.localdate(last_visit) if last_visit else None,
                consent_on=consent_on, every_days=every_days)
            if not due_only or due <= today:
                order.append((due, pk))
        order.sort()
        self.order = order

    def __len__(self):
        return len(self.order)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        chosen = self.order[index] if isinstance(index, slice) else [self.order[index]]
        residents = visible_residents(self.user).in_bulk([pk for _due, pk in chosen])
        rows = [(residents[pk], due, rules.is_overdue(due, self.today))
                for due, pk in chosen if pk in residents]
        return rows if isinstance(index, slice) else rows[0]


def residents_by_due(user, today, *, due_only=False):
    """[(resident, next visit due, overdue)], the visits due first: a sequence to page
    (ResidentsByDue)."""
    return ResidentsByDue(user, today, due_only=due_only)


def flags_for(user):
    """The flags `user` reads, open or closed: those of the households of their hubs
    (programme managers and administrators: every hub's), the residents whose consent
    stands."""
    if not can(user, "care.view"):
        return Flag.objects.none()
    flags = Flag.objects.filter(visit__resident__consent_withdrawn_on__isnull=True)
    if user.role in HUB_SCOPED_ROLES:
        flags = flags.filter(hub__in=user.hubs.all())
    elif user.role not in WIDE_READERS:
        return Flag.objects.none()
    return flags.select_related("household__unit__building", "hub",
                                "visit__resident__member", "visit__visited_by")


def open_flags_for(user):
    """The open flags a Community Manager's day lists: the households of their hubs that a
    visit found a problem with (programme managers and administrators: every hub's), the
    residents whose consent stands."""
    return flags_for(user).filter(closed_at__isnull=True)


def visible_flag(user, pk):
    # i11api: one flag, open or closed, for closing it (services.flag_close).
    return flags_for(user).filter(pk=pk).first()
