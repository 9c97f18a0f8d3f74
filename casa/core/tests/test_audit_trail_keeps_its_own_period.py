"""The audit trail has its own retention period (casa/core/audit_pruning.py): events older than
it are removed through the one deliberate path, never a recent one, and on PostgreSQL the
database refuses the rest (the trigger, the SECURITY DEFINER function's own floor)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from casa.core import audit_pruning, retention
from casa.core.audit import audit_event
from casa.core.models import AuditAction, AuditEvent

POLICY = "core.audit_event"


def event_at(at, note="H001"):
    event = audit_event(actor="test", action=AuditAction.VIEW, target_type="test.thing",
                        target_id="T1", note=note)
    event.at = at
    event.save()
    return event


def test_events_older_than_the_period_are_removed_and_the_rest_kept(db):
    # The audit trail's clock is the real one (the database's, on PostgreSQL): the events are
    # dated in the past rather than the run in the future.
    now = timezone.now()
    cutoff = retention.months_before(now, 120)
    old = event_at(cutoff - dt.timedelta(microseconds=1))
    on_the_cutoff = event_at(cutoff)
    recent = event_at(now - dt.timedelta(days=1))

    outcome = retention.apply(retention.POLICIES[POLICY], now=now)

    assert outcome.done == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk__in=[on_the_cutoff.pk, recent.pk]).count() == 2
    # The pruning itself is told, once per batch, with no personal data.
    told = AuditEvent.objects.get(actor_label="apply_retention")
    assert told.action == AuditAction.DELETE and told.target_type == "core.auditevent"
    assert retention.apply(retention.POLICIES[POLICY], now=now).done == 0


def test_the_one_path_refuses_events_younger_than_the_floor(db):
    now = timezone.now()
    recent = event_at(now - dt.timedelta(days=365 * 4))
    with pytest.raises(audit_pruning.RecentAuditEvents):
        audit_pruning.prune_audit_events([recent.pk], before=now, now=now)
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


def test_no_setting_shortens_the_audit_trail_below_five_years(db, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.CASA_RETENTION_MONTHS = {POLICY: 12}
    event_at(timezone.now() - dt.timedelta(days=400))
    with pytest.raises(ImproperlyConfigured, match="at least 60 months"):
        retention.apply(retention.POLICIES[POLICY])
    assert AuditEvent.objects.count() == 1



@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_prunes_old_events_through_its_function_only(db):
    now = timezone.now()
    old = event_at(now - dt.timedelta(days=365 * 11))
    recent = event_at(now - dt.timedelta(days=365 * 4))

    assert retention.apply(retention.POLICIES[POLICY]).done == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()

    # The database's clock decides, whatever the caller says: a cut-off under five years ago
    # is refused by the function, and the trigger refuses a plain DELETE of a recent event
    # even with the function's setting on; UPDATE is refused to everyone.
    for sql, params in (
        ("SELECT core_prune_audit_trail(now(), ARRAY[%s]::bigint[])", [recent.pk]),
        ("SELECT set_config('casa.pruning_audit_trail', 'on', true); "
         "DELETE FROM core_auditevent WHERE id = %s", [recent.pk]),
        ("SELECT set_config('casa.pruning_audit_trail', 'on', true); "
         "UPDATE core_auditevent SET note = 'x' WHERE id = %s", [recent.pk]),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    assert AuditEvent.objects.filter(pk=recent.pk, note="H001").exists()
    # Without the setting the trigger refuses even an old event: the function is the path.
    older = event_at(now - dt.timedelta(days=365 * 12))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [older.pk])
    assert AuditEvent.objects.filter(pk=older.pk).exists()
