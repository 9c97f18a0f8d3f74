"""Benchmark of `import_registry`: a first import of a generated register, then a re-import
of the same unchanged files, with rows/s, seconds and peak memory of each.

    .venv/bin/python bench/registry_import.py [--households 100000]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench .venv/bin/python bench/...

It builds a fresh database: a temporary SQLite file by default; with a PostgreSQL
DATABASE_URL it drops and re-creates that database (use a dedicated one, e.g. casa_bench).
Each import runs in a child process so that its peak memory (maxrss) is its own.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from production_profile import use_production_profile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
    # The production profile: DEBUG off (no query log), as the agency runs the import.
    use_production_profile()
    import django

    django.setup()


# --- Phases ----------------------------------------------------------------------------------


def fresh_database(database_url):
    """Create the database the bench writes to, and migrate it."""
    if database_url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        name = database_url.rsplit("/", 1)[1].split("?")[0]
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)


def phase_import(data_dir, *, full=False):
    """Child process: one import; prints its figures as JSON."""
    django_setup()
    from casa.registry.importing import import_registry

    started = time.perf_counter()
    result = import_registry(data_dir, full=full)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rows = sum(stats.read for stats in result.files.values())
    print(json.dumps({
        "seconds": seconds, "rows": rows,
        "created": sum(s.created for s in result.files.values()),
        "updated": sum(s.updated for s in result.files.values()),
        "unchanged": sum(s.unchanged for s in result.files.values()),
        "rejected": result.rejected_rows,
        "ended": result.ended + result.ended_members,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (CSV files, SQLite database)")
    parser.add_argument("--phase-import", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--phase-full", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase_import:
        phase_import(Path(args.phase_import), full=args.phase_full)
        return

    work = Path(tempfile.mkdtemp(prefix="casa-bench-registry-import-"))
    use_production_profile()
    os.environ["CASA_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    database_url = os.environ["DATABASE_URL"]
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"

    fresh_database(database_url)
    django_setup()
    from casa.registry.demo import create_hubs, write_register_csv

    create_hubs()
    data_dir = work / "register"
    data_dir.mkdir()
    started = time.perf_counter()
    counts = write_register_csv(data_dir, households=args.households, seed=args.seed)
    print(f"Register: {args.households:,} households, generated in "
          f"{time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    print(f"Database: {engine}")

    # The --full re-import also walks every current household and membership to end those
    # the export no longer lists (none here).
    for label, options in (("first import", []), ("re-import (unchanged)", []),
                           ("re-import --full", ["--phase-full"])):
        output = subprocess.run(
            [sys.executable, __file__, "--phase-import", str(data_dir), *options],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        rate = figures["rows"] / figures["seconds"]
        print(f"{label:22} {figures['seconds']:6.1f} s ({figures['cpu_seconds']:5.1f} s CPU in "
              f"Python)  {rate:9,.0f} rows/s  peak "
              f"{figures['maxrss_mb']:6.0f} MB  (created {figures['created']:,},"
              f" updated {figures['updated']:,}, unchanged {figures['unchanged']:,}, rejected"
              f" {figures['rejected']:,}, ended {figures['ended']:,})")
    if args.keep:
        print(f"Kept: {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
