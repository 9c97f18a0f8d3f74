"""Reads of problem reports. Every read starts from `visible_reports(user)`, the one scope:

- a tenant sees their household's reports in full, and the reports about the common areas of
  their building in public form (`sees_in_full` tells which);
- Community Managers and care staff see the reports of their hubs' buildings;
- programme managers, auditors and administrators see every report;
- anyone else, none.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role
from casa.core.access import can
from casa.registry.selectors import tenant_household

from .models import Report
from .rules import COMMON_AREAS, OPEN, Status, is_late

WIDE_READERS = frozenset({Role.PROGRAMME_MANAGER, Role.AUDITOR, Role.ADMIN})


def report_scope(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.role == Role.TENANT:
        household = tenant_household(user)
        if household is None:
            return Q(pk__in=[])
        return household_scope(household)
    if not can(user, "reports.view"):
        return Q(pk__in=[])
    if user.role in HUB_SCOPED_ROLES:
        return Q(building__hub__in=user.hubs.all())
    if user.role in WIDE_READERS:
        return Q()
    return Q(pk__in=[])


def household_scope(household) -> Q:
    """What a household's tenants see: its own reports, and those about the common areas of
    its building."""
    return Q(household=household) | Q(building_id=household.unit.building_id,
                                      place__in=COMMON_AREAS)


def visible_reports(user):
    return Report.objects.filter(report_scope(user))


def visible_report(user, pk):
    """The report `pk` if `user` may see it, with its category and building; else None."""
    return (visible_reports(user).select_related("category", "building", "unit")
            .filter(pk=pk).first())


def sees_in_full(user, report) -> bool:
    """Whether `user` sees who reported it, the description, the photos and the staff's
    work, or only its public form (category, place, status, date, public updates): staff in
    scope and the report's own household see it in full, the building's other tenants not."""
    if user.role != Role.TENANT:
        return visible_reports(user).filter(pk=report.pk).exists()
    household = tenant_household(user)
    return household is not None and report.household_id == household.pk


def similar_open(*, category, building, exclude=None):
    """The open reports of `category` about the common areas of `building`: what a tenant is
    shown before saving ("is it one of these?"). A report about a flat is never among them."""
    reports = Report.objects.filter(category=category, building=building,
                                    place__in=COMMON_AREAS, status__in=OPEN)
    if exclude is not None:
        reports = reports.exclude(pk=exclude.pk)
    return list(reports.select_related("category").order_by("-created_at")[:10])


def public_updates(report, *, full=True, viewer=None):
    """The history the reporter and the followers see: no internal note, no assignment. Each
    update's `shown_message` is its public message; in the public form (`full` False: the
    building's other tenants) only the staff's, never the reporter's own words. Read with
    the report when it came through `with_public_history`.

    An entry about another report (a split: the part split off, or the report a part came
    from) names it in `shown_related` only when `viewer` may see that report: a neighbour
    never learns of the reporter's flat through a report about the stairs."""
    updates = getattr(report, "public_history", None)
    if updates is None:
        updates = _public_history().filter(report=report)
    updates = [_shown(update, full) for update in updates]
    _shown_related(updates, viewer)
    return updates


def _public_history():
    from .models import PUBLIC_KINDS, Update

    updates = Update.objects.filter(kind__in=PUBLIC_KINDS).select_related("actor")
    return updates.order_by("at", "id")


def _shown(update, full):
    by_staff = update.actor is not None and update.actor.role != Role.TENANT
    update.shown_message = update.public_message if full or by_staff else ""
    return update


def _shown_related(updates, viewer):
    ids = {update.related_id for update in updates if update.related_id}
    seen = {}
    if ids and viewer is not None:
        seen = visible_reports(viewer).select_related("category").in_bulk(ids)
    for update in updates:
        update.shown_related = seen.get(update.related_id)


def with_public_history(reports):
    """`reports` with their public history read in one query for all (a list of them)."""
    return reports.prefetch_related(Prefetch("updates", queryset=_public_history(),
                                             to_attr="public_history"), "photos")


def follows(user, report) -> bool:
    return report.followers.filter(user=user).exists()


def late(report, now) -> bool:
    return is_late(report.status, report.due_at, now)


# --- The tenant's pages --------------------------------------------------------------------------

def tenant_reports(user):
    """A tenant's "My reports": their household's reports and the ones they follow, newest
    first, within the one scope."""
    household = tenant_household(user)
    if household is None:
        return Report.objects.none()
    return (visible_reports(user).filter(Q(household=household) | Q(followers__user=user))
            .distinct().select_related("category").order_by("-created_at", "-id"))


def building_open(user):
    """The open reports about the common areas of a tenant's building that are neither their
    household's nor followed by them: "In your building", each with a Follow button."""
    household = tenant_household(user)
    if household is None:
        return Report.objects.none()
    return (visible_reports(user)
            .filter(building_id=household.unit.building_id, place__in=COMMON_AREAS,
                    status__in=OPEN)
            .exclude(household=household).exclude(followers__user=user)
            .select_related("category").order_by("-created_at", "-id"))


def open_for_household(household):
    """The household's reports the tenant's home shows: the open ones, and the resolved ones
    still waiting for "is it really fixed?"."""
    return (Report.objects.filter(household=household, status__in=OPEN | {Status.RESOLVED})
            .select_related("category").order_by("-created_at", "-id"))


def followed_among(user, reports) -> set:
    """The ids of those of `reports` that `user` follows."""
    return set(Report.objects.filter(pk__in=[report.pk for report in reports],
                                     followers__user=user).values_list("pk", flat=True))


def already_sent(submission_key, user):
    """The report `user` saved with this form's `submission_key`, or None: the same form sent
    twice (a double tap, a resend) gives back the first one's report."""
    if submission_key is None:
        return None
    return Report.objects.filter(submission_key=submission_key, reported_by=user).first()
