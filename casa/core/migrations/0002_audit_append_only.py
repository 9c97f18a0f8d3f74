"""On PostgreSQL (production) the database itself refuses to change or delete audit events,
whatever code runs. SQLite, the laptop database, relies on the model's guards: Django's test
flush deletes rows there, which a trigger would block."""

from django.db import migrations

POSTGRES = [
    """CREATE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();""",
    # TRUNCATE bypasses row triggers; the test database flush needs it, so it stays allowed
    # for the table owner only, which the application role should not be in production.
]
POSTGRES_REVERSE = [
    "DROP TRIGGER core_auditevent_append_only ON core_auditevent;",
    "DROP FUNCTION core_auditevent_append_only();",
]


def forwards(apps, schema_editor):
    statements = {"postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
