"""Every search of the audit trail starts from an index: the trail holds millions of rows.
Checked on SQLite's query plan (PostgreSQL's planner picks sequential scans on a test
database this small; docs/architecture.md has its plans on a large trail)."""

import pytest
from django.db import connection

from casa.core.audit_search import AuditSearchForm
from conftest import FISCAL_CODES

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite",
                                reason="SQLite's EXPLAIN QUERY PLAN")

SEARCHES = {
    "record": {"record": "CE-2025-26-000123"},
    "household": {"household": "H001"},
    "person": {"person": FISCAL_CODES[0]},
    "staff member": {"staff": "auditor@example.invalid"},
    "command": {"staff": "import_registry"},
    "action": {"action": "login_failed"},
    "record type": {"record_type": "registry.household"},
    "date range": {"date_from": "01/11/2026", "date_to": "30/11/2026"},
}


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.mark.parametrize("filters", SEARCHES.values(), ids=SEARCHES.keys())
def test_the_search_reads_the_trail_through_an_index(register, make_user, filters):
    from casa.core.audit import audit_event

    make_user("auditor", email="auditor@example.invalid")
    audit_event(actor="import_registry", action="view", target_type="registry.household",
                target_id="H001").save()
    form = AuditSearchForm(filters)
    assert form.is_valid(), form.errors

    steps = [step for step in plan(form.events()[:25]) if "core_auditevent" in step]

    assert steps and all(step.startswith("SEARCH core_auditevent USING INDEX audit_")
                         or step.startswith("SEARCH core_auditevent USING INDEX core_auditevent_at")
                         for step in steps), steps
