"""How long problem reports keep personal data (casa/core/retention.py; periods and why in
docs/decisions.md, "Retention"). Counted from the report's closure; an open report is never
touched. A pseudonymised report keeps its reference, category, building, place, team, status,
dates and work orders' costs (the statistics and the maintenance history of the building); its
description, the messages and notes, the work orders' instructions and answers, the flat and
household it named, its followers and its photos go."""

from django.db.models import Exists, OuterRef, Q

from casa.core import retention

from .models import Follower, Photo, Report, Update, WorkOrder

REMOVED = ""


def pseudonymise_reports(reports):
    photos = Photo.objects.filter(report__in=reports)
    retention.remove_files(photos, "image", "thumbnail")
    photos.delete()
    Follower.objects.filter(report__in=reports).delete()
    # The history is append-only for the services (casa/core/append_only.py refuses
    # update()); blanking what expired is the one change retention makes, through the plain
    # base manager.
    Update._base_manager.filter(report__in=reports).update(public_message=REMOVED,
                                                           internal_note=REMOVED)
    WorkOrder.objects.filter(report__in=reports).update(instructions=REMOVED, answer=REMOVED)
    reports.update(description=REMOVED, rejection_reason=REMOVED, unit=None, household=None)


def _has(model, condition):
    return Q(Exists(model._base_manager.filter(condition, report=OuterRef("pk"))))


retention.declare(
    "reports.report", model="reports.Report", counts_from="closed_at", months=24,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_reports,
    still_personal=(~Q(description=REMOVED) | ~Q(rejection_reason=REMOVED)
                    | Q(unit__isnull=False) | Q(household__isnull=False)
                    | _has(Photo, Q()) | _has(Follower, Q())
                    | _has(Update, ~Q(public_message=REMOVED) | ~Q(internal_note=REMOVED))
                    | _has(WorkOrder, ~Q(instructions=REMOVED) | ~Q(answer=REMOVED))),
    description="closed problem reports: description, messages, photos, who followed them",
)

__all__ = ["Report"]
