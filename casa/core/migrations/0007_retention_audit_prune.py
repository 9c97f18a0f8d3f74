"""Retention of the audit trail (casa/core/audit_pruning.py): on PostgreSQL the trigger lets a
DELETE through only inside `core_prune_audit_trail`, and only for events older than five years
by the database's clock; the function runs as the tables' owner, so the application's role,
which may not DELETE audit events, may call it. UPDATE stays refused to everyone."""

from django.db import migrations

FLOOR = "interval '60 months'"  # audit_pruning.AUDIT_FLOOR_MONTHS

POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE'
            AND current_setting('casa.pruning_audit_trail', true) = 'on'
            AND OLD.at < now() - {FLOOR} THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'the audit trail is append-only';
       END; $$ LANGUAGE plpgsql;""",
    f"""CREATE FUNCTION core_prune_audit_trail(before timestamptz, ids bigint[])
       RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = pg_catalog, public AS $$
       DECLARE removed integer;
       BEGIN
         IF before > now() - {FLOOR} THEN
           RAISE EXCEPTION 'audit events younger than 60 months are kept';
         END IF;
         PERFORM set_config('casa.pruning_audit_trail', 'on', true);
         DELETE FROM public.core_auditevent WHERE id = ANY(ids) AND at < before;
         GET DIAGNOSTICS removed = ROW_COUNT;
         PERFORM set_config('casa.pruning_audit_trail', 'off', true);
         RETURN removed;
       END; $$;""",
    "REVOKE ALL ON FUNCTION core_prune_audit_trail(timestamptz, bigint[]) FROM PUBLIC;",
]
POSTGRES_REVERSE = [
    "DROP FUNCTION core_prune_audit_trail(timestamptz, bigint[]);",
    """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$ LANGUAGE plpgsql;""",
]


def forwards(apps, schema_editor):
    for statement in {"postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in {"postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_periodic_runs")]
    operations = [migrations.RunPython(forwards, backwards)]
