"""A single function changes an application's status (workflow.transition): it checks the
table, writes the history row, the audit event and the tenant's message together. Nothing
else can assign a status, and facts like the latest request come from the history."""

import pytest
from django.db import transaction

from casa.core.models import AuditEvent
from casa.energy import decisions, workflow
from casa.energy.models import (
    Application,
    ApplicationStatus,
    Channel,
    StatusChange,
    StatusChangeOutsideWorkflow,
)
from casa.notifications.models import Message

from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_the_table_no_longer_allows_a_status_to_move_to_itself():
    for status, targets in workflow.ALLOWED_TRANSITIONS.items():
        assert status not in targets, status


def test_saving_a_status_set_by_hand_is_refused():
    app = submit(demo_call(), household(), by=user("tenant"))
    app.status = S.APPROVED
    with pytest.raises(StatusChangeOutsideWorkflow):
        app.save()
    with pytest.raises(StatusChangeOutsideWorkflow):
        Application.objects.filter(pk=app.pk).update(status=S.PAID)
    with pytest.raises(StatusChangeOutsideWorkflow):
        Application.objects.bulk_update([app], ["status"])
    assert Application.objects.get(pk=app.pk).status == S.SUBMITTED


def test_a_change_outside_the_table_is_refused_and_writes_nothing():
    app = submit(demo_call(), household(), by=user("tenant"))
    history = StatusChange.objects.count()
    events = AuditEvent.objects.count()
    with pytest.raises(workflow.TransitionError), transaction.atomic():
        workflow.transition(app, S.PAID, actor=user("admin"))
    app.refresh_from_db()
    assert app.status == S.SUBMITTED
    assert (StatusChange.objects.count(), AuditEvent.objects.count()) == (history, events)


def test_each_step_is_a_history_row_with_who_why_and_on_whose_behalf():
    desk = user("community_manager")
    officer = user("benefit_officer")
    app = submit(demo_call(), household(), by=desk, channel=Channel.ASSISTED)
    decisions.application_start_review(application=app, acting_user=officer)
    decisions.application_request_information(application=app, message="Send the ISEE.",
                                              acting_user=officer)

    rows = list(workflow.history(app))
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("", S.SUBMITTED), (S.SUBMITTED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.NEEDS_INFORMATION)]
    assert (rows[0].actor, rows[0].on_behalf_of) == (desk, app.household)
    assert rows[2].reason == "Send the ISEE."
    assert workflow.latest_information_request(app) == rows[2]
    with pytest.raises(TypeError):
        rows[0].save()
    with pytest.raises(TypeError):
        rows[0].delete()


def test_the_status_change_its_audit_event_and_message_go_together():
    app = approve_final(submit(demo_call(), household(), by=user("tenant")),
                        officer=user("benefit_officer"))
    change = app.status_changes.get(to_status=S.APPROVED)
    event = AuditEvent.objects.filter(target_id=app.protocol).latest("id")
    assert event.changes["status"] == [S.SUBMITTED, S.APPROVED]
    assert event.changes["decision"] == change.decision_id
    assert Message.objects.filter(key=f"energy.decision:status:{change.pk}:app").exists()

