"""The database roles of docs/deployment.md work as written: the owner runs the migrations, and
the application's role does CASA's normal work but can neither switch off the audit trail's
trigger nor change, delete or truncate audit events.

The SQL is read from the document itself, so the document cannot drift from what is tested.
PostgreSQL only; creating roles needs a superuser: CASA_TEST_POSTGRES_SUPERUSER_URL, or, when
the tests run as root on the database's machine (.ci/run), `su postgres`.
"""

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import errors

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "deployment.md"
DATABASE = settings.DATABASES["default"]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(DATABASE["ENGINE"] != "django.db.backends.postgresql",
                       reason="database roles and triggers: PostgreSQL only"),
]


def sql_block(marker):
    """The ```sql block of the deployment document whose first line is `-- <marker>:`."""
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    found = [block for block in blocks if block.startswith(f"-- {marker}:")]
    assert len(found) == 1, f"docs/deployment.md needs one SQL block starting '-- {marker}:'"
    return found[0]


def superuser_psql():
    """The command that runs psql as a PostgreSQL superuser, or None."""
    url = os.environ.get("CASA_TEST_POSTGRES_SUPERUSER_URL")
    if url:
        return lambda *args: ["psql", url, *args]
    local = DATABASE["HOST"] in ("", "localhost", "127.0.0.1", "::1")
    if local and os.geteuid() == 0 and shutil.which("su") and shutil.which("psql"):
        return lambda *args: ["su", "postgres", "-c", shlex.join(["psql", *args])]
    return None


def psql(command, sql, *args):
    """Run `sql` through psql as an operator would, stopping at the first error. `command`
    builds psql's command line from its arguments."""
    result = subprocess.run(command("-X", "-q", "-v", "ON_ERROR_STOP=1", *args), input=sql,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def url(role, password, database):
    return (f"postgresql://{role}:{password}@{DATABASE['HOST'] or '127.0.0.1'}:"
            f"{DATABASE['PORT'] or 5432}/{database}")


def manage(*args, database_url):
    """A CASA command in its own process, in the laptop profile, on `database_url`."""
    env = {"PATH": os.environ["PATH"], "DEBUG": "1", "DATABASE_URL": database_url,
           "CASA_VAR_DIR": os.environ.get("CASA_VAR_DIR", str(ROOT / "var" / "test"))}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def roles():
    """Both roles and the database, created by the document's first block (as a superuser)
    under names of this run's own; dropped afterwards."""
    command = superuser_psql()
    if command is None:
        pytest.skip("needs a PostgreSQL superuser: set CASA_TEST_POSTGRES_SUPERUSER_URL")
    suffix = secrets.token_hex(4)
    names = {"owner": f"casa_owner_{suffix}", "app": f"casa_app_{suffix}",
             "database": f"casa_roles_{suffix}", "owner_password": secrets.token_hex(16),
             "app_password": secrets.token_hex(16)}
    setup = personalised(sql_block("casa-roles"), names)
    try:
        psql(command, setup, "-d", "postgres")
        yield names
    finally:
        psql(command, f"DROP DATABASE IF EXISTS {names['database']} WITH (FORCE);\n"
                      f"DROP ROLE IF EXISTS {names['app']};\n"
                      f"DROP ROLE IF EXISTS {names['owner']};\n", "-d", "postgres")


def personalised(sql, names):
    sql = re.sub(r"\bcasa_owner\b", names["owner"], sql)
    sql = re.sub(r"\bcasa_app\b", names["app"], sql)
    sql = re.sub(r"(?<=DATABASE )casa\b|(?<=\\connect )casa\b", names["database"], sql)
    sql = sql.replace("'CHANGE-ME-owner'", f"'{names['owner_password']}'")
    return sql.replace("'CHANGE-ME-app'", f"'{names['app_password']}'")


def refusal(connection, sql):
    """Why PostgreSQL refused `sql` ("no privilege": owner or grant missing), or what else
    happened."""
    try:
        connection.execute(sql)
    except errors.InsufficientPrivilege:
        return "no privilege"
    except psycopg.Error as error:
        return f"another error: {error}"
    return "done"


def test_the_documented_roles_keep_the_audit_trail_append_only(roles):
    owner_url = url(roles["owner"], roles["owner_password"], roles["database"])
    app_url = url(roles["app"], roles["app_password"], roles["database"])
    # Deploying: the schema as the owner, then the document's grants as the owner.
    manage("migrate", "--noinput", database_url=owner_url)
    manage("createcachetable", database_url=owner_url)
    psql(lambda *args: ["psql", *args, owner_url], personalised(sql_block("casa-grants"), roles))

    # The application's normal work: the demo register (an import, accounts, a call and
    # applications, all audited) and the message worker sending what they queued.
    manage("seed_demo", "--households", "40", database_url=app_url)
    manage("send_pending_messages", database_url=app_url)
    manage("db_worker", "--batch", database_url=app_url)

    with psycopg.connect(app_url, autocommit=True) as app:
        events = app.execute("SELECT count(*) FROM core_auditevent").fetchone()[0]
        assert events > 0
        columns = ", ".join(row[0] for row in app.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'core_auditevent' AND column_name <> 'id'"))
        app.execute(f"INSERT INTO core_auditevent ({columns}) "  # noqa: S608
                    f"SELECT {columns} FROM core_auditevent LIMIT 1")
        assert app.execute("SELECT count(*) FROM core_auditevent").fetchone()[0] == events + 1

        for sql in (
            "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
            "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
            "DROP TRIGGER core_auditevent_append_only ON core_auditevent",
            "CREATE TRIGGER casa_test_noop BEFORE INSERT ON core_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()",
            "UPDATE core_auditevent SET note = 'tampered'",
            "DELETE FROM core_auditevent",
            "TRUNCATE core_auditevent",
            "DROP TABLE core_auditevent",
            "ALTER TABLE registry_household DISABLE TRIGGER ALL",
            "CREATE TABLE casa_test_own_table (id int)",
        ):
            assert refusal(app, sql) == "no privilege", sql
        assert app.execute("SELECT count(*) FROM core_auditevent "
                           "WHERE note = 'tampered'").fetchone()[0] == 0

        # i11ret: the audit trail's retention. The application may remove events older than
        # five years through the one function, never a recent one, and still not DELETE.
        def event_aged(interval):
            selected = ", ".join(f"now() - interval '{interval}'" if name == "at" else name
                                 for name in columns.split(", "))
            return app.execute(f"INSERT INTO core_auditevent ({columns}) "  # noqa: S608
                               f"SELECT {selected} FROM core_auditevent LIMIT 1 "
                               "RETURNING id").fetchone()[0]

        old, recent = event_aged("11 years"), event_aged("4 years")
        assert refusal(app, f"DELETE FROM core_auditevent WHERE id = {old}") == (  # noqa: S608
            "no privilege")
        assert refusal(app, "SELECT core_prune_audit_trail(now(), "
                            f"ARRAY[{recent}]::bigint[])").startswith("another error")
        assert app.execute("SELECT core_prune_audit_trail(now() - interval '10 years', "
                           f"ARRAY[{old}, {recent}]::bigint[])").fetchone()[0] == 1
        assert app.execute("SELECT count(*) FROM core_auditevent "  # noqa: S608
                           f"WHERE id IN ({old}, {recent})").fetchone()[0] == 1

    # The owner keeps the trigger: the document's roles did not weaken the migration.
    with (psycopg.connect(owner_url, autocommit=True) as owner,
          pytest.raises(errors.RaiseException, match="append-only")):
        owner.execute("UPDATE core_auditevent SET note = 'tampered'")
