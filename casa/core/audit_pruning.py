"""The audit trail's own retention: the one deliberate path that removes audit events, and only
those older than the audit trail's period.

The trail is append-only everywhere else (the model's guards; on PostgreSQL a trigger and the
application role's missing DELETE privilege, docs/deployment.md). Removing old events goes
through the database function `core_prune_audit_trail` (migration 0007_retention_audit_prune):
it runs as the tables' owner (SECURITY DEFINER), refuses a cut-off less than
AUDIT_FLOOR_MONTHS ago by the database's own clock, and sets for its own statement the
transaction setting that the trigger reads before it lets a DELETE through, again only for
events older than the floor. The application's role may call the function and nothing else:
it still cannot delete a recent event, nor update any.
"""

import datetime as dt

from django.db import connection
from django.utils import timezone

from . import retention

# Ten years: the ordinary limitation period (art. 2946 codice civile) for the decisions the
# trail records, and longer than the ESF+ period of the participants it names by code.
AUDIT_MONTHS = 120
# Written in the database function and its trigger too (migration 0007): no setting can bring
# the trail's period below five years, the ESF+ period of Reg. (EU) 2021/1060 art. 82.
AUDIT_FLOOR_MONTHS = 60


class RecentAuditEvents(Exception):
    """Someone asked to remove audit events younger than the floor."""


def prune_audit_events(ids, *, before, now=None):
    """Remove the audit events `ids` dated before `before`: the only code that deletes audit
    events. Refuses a `before` later than the floor allows."""
    now = now or timezone.now()
    if before > retention.months_before(now, AUDIT_FLOOR_MONTHS):
        raise RecentAuditEvents(
            f"audit events younger than {AUDIT_FLOOR_MONTHS} months are kept")
    ids = [int(pk) for pk in ids]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT core_prune_audit_trail(%s, %s::bigint[])", [before, ids])
            return cursor.fetchone()[0]
        # SQLite (a laptop): no trigger, no roles; the model's guards keep the ORM out, so
        # this statement is the one path here too.
        marks = ", ".join(["%s"] * len(ids)) or "NULL"
        cursor.execute(f"DELETE FROM core_auditevent WHERE at < %s AND id IN ({marks})",  # noqa: S608
                       [before, *ids])
        return cursor.rowcount


def _remove(batch):
    rows = list(batch.values_list("pk", "at"))
    newest = max(at for _pk, at in rows)
    prune_audit_events([pk for pk, _at in rows], before=newest + dt.timedelta(microseconds=1))


retention.declare(
    "core.audit_event", model="core.AuditEvent", counts_from="at", months=AUDIT_MONTHS,
    action=retention.DELETE, remove=_remove, lock_and_audit_each=False,
    minimum_months=AUDIT_FLOOR_MONTHS, real_clock=True,
    description="the audit trail itself",
)
