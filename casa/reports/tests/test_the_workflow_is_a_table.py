"""The staff move a report only along the table of allowed changes (rules.STAFF_CHANGES),
checked in one place, `report_change_status`, for every pair of statuses. Rejecting needs a
reason the reporter reads; merging needs an open report of the same building, whose followers
the merged report's reporter joins. Tenants and staff of other hubs change nothing, and every
change is in the history and the audit trail, and reaches the reporter."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casa.core.models import AuditEvent
from casa.notifications.models import Message
from casa.reports.models import Report
from casa.reports.rules import STAFF_CHANGES, Status
from casa.reports.services import report_change_status, report_create
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("new", "taken"), ("new", "maintenance"), ("new", "in_progress"), ("new", "waiting"),
    ("new", "resolved"), ("new", "rejected"), ("new", "merged"),
    ("taken", "maintenance"), ("taken", "in_progress"), ("taken", "waiting"),
    ("taken", "resolved"), ("taken", "rejected"), ("taken", "merged"),
    ("maintenance", "in_progress"), ("maintenance", "waiting"), ("maintenance", "resolved"),
    ("maintenance", "merged"),
    ("in_progress", "maintenance"), ("in_progress", "waiting"), ("in_progress", "resolved"),
    ("in_progress", "merged"),
    ("waiting", "maintenance"), ("waiting", "in_progress"), ("waiting", "resolved"),
    ("waiting", "merged"),
    ("resolved", "in_progress"), ("resolved", "closed"),
}


def new_report(user, category, place="entrance"):
    return report_create(category=category, place=place, description="Guasto.",
                         acting_user=user)


def test_the_table_is_the_one_written_in_the_issue():
    assert {(a, b) for a, targets in STAFF_CHANGES.items() for b in targets} == ALLOWED


def test_every_pair_of_statuses_is_allowed_exactly_as_the_table_says(tenant, manager, lift):
    target = new_report(tenant, lift)
    for current in Status.values:
        for new in Status.values:
            report = new_report(tenant, lift)
            Report.objects.filter(pk=report.pk).update(
                status=current, merged_into=target if current == "merged" else None)
            extra = {"reason": "Non di competenza.", "merge_into": target}
            if (current, new) in ALLOWED:
                report_change_status(report=report, status=new, acting_user=manager, **extra)
                report.refresh_from_db()
                assert report.status == new, (current, new)
            else:
                with pytest.raises(ValidationError):
                    report_change_status(report=report, status=new, acting_user=manager,
                                         **extra)
                report.refresh_from_db()
                assert report.status == current, (current, new)


def test_a_rejection_needs_a_reason_which_the_reporter_reads(register, tenant, manager, lift):
    report = new_report(tenant, lift)
    with pytest.raises(ValidationError) as refused:
        report_change_status(report=report, status="rejected", acting_user=manager)
    assert "reason" in refused.value.message_dict
    report_change_status(report=report, status="rejected", acting_user=manager,
                         reason="È una proprietà privata.")
    report.refresh_from_db()
    assert report.status == "rejected" and report.closed_at is not None
    message = Message.objects.get(kind="reports.updated", channel="app")
    assert "È una proprietà privata." in message.body


def test_a_duplicate_merges_into_an_open_report_of_the_same_building(
        register, tenant, neighbour, manager, make_user, lift):
    first = new_report(neighbour, lift)
    duplicate = new_report(tenant, lift)
    report_change_status(report=duplicate, status="merged", merge_into=first,
                         acting_user=manager)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == first
    assert first.followers.filter(user=tenant).exists()  # told of the original's progress
    elsewhere = new_report(make_user("tenant", fiscal_code=FISCAL_CODES[1]), lift)  # H002
    again = new_report(tenant, lift)
    # Not into another building's report, a report no longer open, or itself.
    for wrong in (elsewhere, duplicate, again):
        with pytest.raises(ValidationError):
            report_change_status(report=again, status="merged", merge_into=wrong,
                                 acting_user=manager)
    again.refresh_from_db()
    assert again.status == "new"


def test_tenants_and_other_hubs_staff_change_nothing(register, tenant, make_user, lift):
    report = new_report(tenant, lift)
    outsider = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    for user in (tenant, outsider, make_user("care_staff", hubs=[register["hubs"]["san-siro"]]),
                 make_user("auditor")):
        with pytest.raises(PermissionDenied):
            report_change_status(report=report, status="taken", acting_user=user)
    report.refresh_from_db()
    assert report.status == "new"


def test_each_change_is_in_the_history_and_the_audit_trail(tenant, manager, lift):
    report = new_report(tenant, lift)
    report_change_status(report=report, status="maintenance", acting_user=manager,
                         public_message="Abbiamo chiamato il tecnico.",
                         internal_note="Ditta Rossi, rif. 42")
    update = report.updates.get(kind="status")
    assert (update.from_status, update.to_status, update.actor) == ("new", "maintenance",
                                                                    manager)
    assert AuditEvent.objects.filter(target_type="reports.report", action="update",
                                     changes={"status": ["new", "maintenance"]}).exists()
    body = Message.objects.get(kind="reports.updated", channel="app").body
    assert "Abbiamo chiamato il tecnico." in body and "Ditta Rossi" not in body
