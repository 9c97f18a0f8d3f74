"""What tells the cache of the tenant's home that a page has changed: database triggers that
count the writes to every table the home reads, in `HomeVersion`.

- A write to a household's own records (WATCHED_BY_HOUSEHOLD) adds one to that household's
  row: the tenant sees their booking, their answer, the notice they read, at once.
- A write to what many homes share (WATCHED_SHARED) adds one to the row `SHARED`: a notice
  published for a building, a hub's new hours, a new call reach every home at once too.

Triggers, not signals, so that bulk updates, imports and raw SQL count like everything else:
the one place every write goes through is the database. They are (re)installed after every
`migrate` and dropped before it (signals wired in PortalConfig.ready()): a migration never
trips over them, SQLite's table rebuilds cannot lose them, and a change to the lists below
reaches the database at the next `migrate`.

What only the passing of time changes (the hub opening or closing, a notice's window, the next
appointment going by) and the register's own data (address, members) reach a cached page when
it expires, CASA_HOME_CACHE_SECONDS at most. The scope is checked on every request anyway
(casa/portal/page_cache.py). docs/decisions.md: "The tenant's home from a cache".
"""

from __future__ import annotations

from django.db import connections

from casa.accounts.models import User
from casa.appointments.models import Appointment
from casa.energy.models import Appeal, Application, Call, Decision
from casa.events.models import Event, Registration
from casa.hubs.models import Closure, HubProfile, OpeningPeriod
from casa.notices.models import Notice, NoticeRead
from casa.registry.models import Building, Hub
from casa.reports.models import Follower, Report, Update

from .models import HomeVersion

PREFIX = "casa_home_"
SHARED = HomeVersion.SHARED


def _own(row):
    return f"{row}.household_id"


def _through_application(row):
    table = Application._meta.db_table
    return f"(SELECT household_id FROM {table} WHERE id = {row}.application_id)"  # noqa: S608


def _through_report(row):
    table = Report._meta.db_table
    return f"(SELECT household_id FROM {table} WHERE id = {row}.report_id)"  # noqa: S608


def _shared(row):
    return str(SHARED)


# Each table, with the SQL that gives the HomeVersion row a write to it counts on (`row` is
# NEW or OLD).
WATCHED_BY_HOUSEHOLD = {
    Appointment: _own,
    Application: _own,
    Decision: _through_application,
    Appeal: _through_application,
    NoticeRead: _own,
    Registration: _own,
    # Issue 10: a household's problem reports (a status change by staff writes the report and
    # its history), and the ones its members follow.
    Report: _own,
    Update: _through_report,
    Follower: _own,
}
WATCHED_SHARED = {
    Hub: _shared,
    Building: _shared,  # which hub a building belongs to
    User.hubs.through: _shared,  # a hub's Community Managers
    HubProfile: _shared,
    OpeningPeriod: _shared,
    Closure: _shared,
    Notice: _shared,
    Event: _shared,
    Call: _shared,
}
WATCHED = {**WATCHED_BY_HOUSEHOLD, **WATCHED_SHARED}


def versions(household_id, *, using="default") -> tuple[int, int]:
    """(the household's version, the shared version): 0 until the first write counts."""
    table = HomeVersion._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT scope, version FROM {table} WHERE scope IN (%s, %s)",  # noqa: S608
                       [household_id, SHARED])
        found = dict(cursor.fetchall())
    return found.get(household_id, 0), found.get(SHARED, 0)


# --- The triggers --------------------------------------------------------------------------
# Their SQL is built from the models' table names and the lists above, never from a request
# (hence the noqa: S608 marks).

def _counted(rows: list[str]) -> str:
    """The SELECT of the HomeVersion rows to count for a write, as (scope) values."""
    union = " UNION ".join(f"SELECT {row} AS scope" for row in rows)
    return f"SELECT scope, 1 FROM ({union}) AS counted WHERE scope IS NOT NULL"  # noqa: S608


def _sqlite(table, rows_of):
    versions_table = HomeVersion._meta.db_table
    statements = []
    for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
        statements.append(
            f"CREATE TRIGGER {PREFIX}{table}_{event.lower()} AFTER {event} ON {table} "
            f"BEGIN INSERT INTO {versions_table} (scope, version) "
            f"{_counted([rows_of(row) for row in rows])} "
            f"ON CONFLICT (scope) DO UPDATE SET version = version + 1; END")
    return statements


def _postgresql(table, rows_of):
    versions_table = HomeVersion._meta.db_table

    def count(rows):
        return (f"INSERT INTO {versions_table} (scope, version) "
                f"{_counted([rows_of(row) for row in rows])} ON CONFLICT (scope) "
                f"DO UPDATE SET version = {versions_table}.version + 1;")

    function = f"{PREFIX}{table}"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF TG_OP = 'INSERT' THEN {count(['NEW'])} "
        f"ELSIF TG_OP = 'DELETE' THEN {count(['OLD'])} "
        f"ELSE {count(['OLD', 'NEW'])} END IF; RETURN NULL; END $$",
        f"CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


BUILDERS = {"sqlite": _sqlite, "postgresql": _postgresql}


def installed(connection) -> dict[str, str]:
    """The home's triggers in the database: {name: table}."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master "
                           "WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"])
        else:
            cursor.execute("SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
                           "WHERE NOT tgisinternal AND tgname LIKE %s", [PREFIX + "%"])
        return dict(cursor.fetchall())


def uninstall(connection):
    """Drop every trigger (and PostgreSQL function) of the home, whatever lists made them."""
    if connection.vendor not in BUILDERS:
        return
    with connection.cursor() as cursor:
        for name, table in installed(connection).items():
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def install(connection):
    """Make the database's triggers exactly those of WATCHED (tables not created yet, in a
    partial migrate, are left for the next one)."""
    if connection.vendor not in BUILDERS:
        return
    uninstall(connection)
    tables = set(connection.introspection.table_names())
    if HomeVersion._meta.db_table not in tables:
        return
    with connection.cursor() as cursor:
        for model, rows_of in WATCHED.items():
            if model._meta.db_table in tables:
                for statement in BUILDERS[connection.vendor](model._meta.db_table, rows_of):
                    cursor.execute(statement)


def before_migrate(sender, using="default", **kwargs):
    uninstall(connections[using])


def after_migrate(sender, using="default", **kwargs):
    install(connections[using])
