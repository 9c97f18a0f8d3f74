"""What the page benchmarks share (bench/household_search.py, review_queue.py,
report_queue.py): a database of their own (SQLite in a temporary folder, or the PostgreSQL
database that DATABASE_URL names, dropped and created again), CASA migrated into it with a
generated register of `households` imported, and a timer of median and p95."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_database(database_url):
    if database_url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        name = database_url.rsplit("/", 1)[1].split("?")[0]
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def timed(function, repeat):
    """(median ms, p95 ms) of `repeat` calls after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def database_has_register(database_url):
    """Whether the PostgreSQL database of `database_url` exists with a register imported (a
    previous run's): a bench that may reuse it skips the import (SQLite files are temporary)."""
    if not database_url.startswith("postgres"):
        return False
    import psycopg

    try:
        with psycopg.connect(database_url) as connection:
            row = connection.execute(
                "SELECT to_regclass('registry_household') IS NOT NULL").fetchone()
            if not row[0]:
                return False
            return connection.execute(
                "SELECT EXISTS (SELECT 1 FROM registry_household)").fetchone()[0]
    except psycopg.OperationalError:
        return False


def set_up_with_register(*, prefix, households, seed, dummy_tasks=True, reuse=False):
    """CASA in the laptop profile on a fresh database, with the hubs and a generated register
    of `households` imported; returns the temporary work folder. `dummy_tasks`: messages to
    tenants are queued and discarded (the benches measure pages, not the outbox). `reuse`: a
    PostgreSQL database that already holds a register is kept (migrated, nothing imported),
    so that a bench builds its data once."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DEBUG"] = "1"
    os.environ["CASA_VAR_DIR"] = str(work / "var")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    if dummy_tasks:
        os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    reused = reuse and database_has_register(os.environ["DATABASE_URL"])
    if not reused:
        fresh_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from casa.registry.demo import create_hubs, write_register_csv
    from casa.registry.importing import import_registry
    from casa.registry.models import Household, Member

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if reused:
        print(f"{connection.vendor}: reusing {Household.objects.count():,} households "
              f"already imported", flush=True)
        return work
    create_hubs()
    started = time.perf_counter()
    write_register_csv(work / "register", households=households, seed=seed)
    result = import_registry(work / "register")
    if result.rolled_back:
        sys.exit(f"The import was rolled back: {result.rejected_rows} rejected rows")
    print(f"{connection.vendor}: {Household.objects.count():,} households, "
          f"{Member.objects.current().count():,} members, generated and imported in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    return work
