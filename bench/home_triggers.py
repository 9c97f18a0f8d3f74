"""What the triggers that invalidate the tenant's cached home (casa/portal/freshness.py) cost a
bulk write: the same UPDATE of N rows of a scratch table shaped like the appointments, without
and with the very trigger SQL CASA installs, on SQLite (in memory) and, when DATABASE_URL names
a PostgreSQL database, there too (in a scratch schema that is dropped afterwards).

    .venv/bin/python bench/home_triggers.py [--rows 20000]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa .venv/bin/python bench/home_triggers.py

The rows belong to 5,000 households, so most writes add to a count that an earlier row in the
same statement created, as a payment run's or a closure's bulk update does.
"""

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from casa.portal import freshness  # noqa: E402

TABLE = "appointments_appointment"
VERSIONS = "portal_homeversion"
HOUSEHOLDS = 5000


def fastest(run, times=3):
    return min(run() for _ in range(times))


def on_sqlite(rows):
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE {VERSIONS} (scope INTEGER PRIMARY KEY, version INTEGER)")
    db.execute(f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, household_id INTEGER, note TEXT)")
    db.executemany(f"INSERT INTO {TABLE} (household_id, note) VALUES (?, '')",  # noqa: S608
                   [(i % HOUSEHOLDS + 1,) for i in range(rows)])

    def run():
        started = time.perf_counter()
        db.execute(f"UPDATE {TABLE} SET note = note || 'x'")  # noqa: S608
        db.commit()
        return time.perf_counter() - started

    without = fastest(run)
    for statement in freshness._sqlite(TABLE, freshness._own):
        db.execute(statement)
    return without, fastest(run)


def on_postgresql(rows):
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA casa_bench_triggers")
        try:
            cursor.execute("SET search_path TO casa_bench_triggers")
            cursor.execute(f"CREATE TABLE {VERSIONS} (scope bigint PRIMARY KEY, version bigint)")
            cursor.execute(f"CREATE TABLE {TABLE} (id serial PRIMARY KEY, household_id bigint, "
                           "note text)")
            cursor.execute(f"INSERT INTO {TABLE} (household_id, note) "  # noqa: S608
                           "SELECT (i %% %s) + 1, '' FROM generate_series(1, %s) i",
                           [HOUSEHOLDS, rows])

            def run():
                started = time.perf_counter()
                cursor.execute(f"UPDATE {TABLE} SET note = note || 'x'")  # noqa: S608
                return time.perf_counter() - started

            without = fastest(run)
            for statement in freshness._postgresql(TABLE, freshness._own):
                cursor.execute(statement)
            return without, fastest(run)
        finally:
            cursor.execute("SET search_path TO DEFAULT")
            cursor.execute("DROP SCHEMA casa_bench_triggers CASCADE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    databases = [("SQLite", on_sqlite)]
    if connection.vendor == "postgresql":
        databases.append(("PostgreSQL", on_postgresql))
    for name, measure in databases:
        without, with_triggers = measure(args.rows)
        extra = (with_triggers - without) / args.rows * 1e6
        print(f"{name}: UPDATE of {args.rows} rows {without * 1000:.0f} ms without the "
              f"trigger, {with_triggers * 1000:.0f} ms with it: {extra:.1f} µs more a row")


if __name__ == "__main__":
    main()
