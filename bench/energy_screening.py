"""Benchmark of the energy contribution over a generated register: (a) the `energy_screen`
command end to end (read, evaluate, write the CSV), (b) the pure rule over in-memory
households, with and without trace, (c) the what-if simulation.

    .venv/bin/python bench/energy_screening.py [--households 100000] [--keep | --reuse DIR]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench_energy \
        .venv/bin/python bench/energy_screening.py

It builds a fresh database like bench/registry_import.py (a temporary SQLite file by default;
with a PostgreSQL DATABASE_URL it drops and re-creates that database: use a dedicated one),
imports a generated register with `import_registry` and creates the demo call. `--keep` keeps
the folder and `--reuse DIR` runs the measures again on it without rebuilding. Targets on a
2-core machine: screening under 10 s, what-if under 3 s.
"""

import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from production_profile import use_production_profile  # noqa: E402
from registry_import import ROOT, django_setup, fresh_database  # noqa: E402

CALL = "energia-2025-26"
ON = dt.date(2025, 11, 20)
OVERRIDES = {"isee_max": "25000.00", "share": "0.6"}


def load():
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def build(work, households, seed):
    fresh_database(os.environ["DATABASE_URL"])
    django_setup()
    from casa.energy.demo import create_demo_call
    from casa.registry.demo import create_hubs, write_register_csv
    from casa.registry.importing import import_registry

    create_hubs()
    data_dir = work / "register"
    started = time.perf_counter()
    write_register_csv(data_dir, households=households, seed=seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = import_registry(data_dir)
    assert not result.rejected_rows, result.rejected_rows
    print(f"Register: {households:,} households (casa.registry.demo) generated in "
          f"{generated:.1f} s, imported in {time.perf_counter() - started:.1f} s")
    create_demo_call(today=ON)


def best_of(runs, function):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), sum(times) / len(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of (b) and (c); best shown")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--reuse", metavar="DIR", help="a folder kept by --keep: no rebuild")
    args = parser.parse_args()

    work = Path(args.reuse) if args.reuse else Path(
        tempfile.mkdtemp(prefix="casa-bench-energy-"))
    # The production profile (DEBUG off, no query log), as bench/registry_import.py runs it.
    use_production_profile()
    os.environ["CASA_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    engine = "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"Database: {engine}; {load()}")
    if args.reuse:
        django_setup()
    else:
        build(work, args.households, args.seed)

    from casa.energy import rules, whatif
    from casa.energy.models import Call
    from casa.energy.screening import register_rows

    call = Call.objects.get(code=CALL)

    # (a) The command end to end, in its own process as staff would run it.
    out = work / "screening.csv"
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "energy_screen", "--call", CALL,
                    "--as-of", ON.isoformat(), "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    eligible = sum(row["eligible"] == "true" for row in rows)
    amount = sum(Decimal(row["amount_eur"]) for row in rows)
    print(f"(a) energy_screen      {seconds:6.2f} s  {len(rows) / seconds:9,.0f} households/s  "
          f"({len(rows):,} rows, {eligible:,} eligible, {amount:,.2f} EUR; process start "
          f"included)")

    # (b) The pure rule over households already in memory.
    started = time.perf_counter()
    households = [row.facts for row in register_rows(season=call.season, on=ON)]
    loading = time.perf_counter() - started
    params = call.params_at(ON)
    print(f"    loading {len(households):,} households from the database: {loading:.2f} s")
    for with_trace in (False, True):
        best, mean, _ = best_of(args.runs, lambda with_trace=with_trace: [
            rules.evaluate(h, params, season=call.season, on=ON, with_trace=with_trace)
            for h in households])
        label = "with trace" if with_trace else "without trace"
        print(f"(b) rule, {label:13} {best:6.2f} s  {len(households) / best:9,.0f} "
              f"households/s  (mean of {args.runs}: {mean:.2f} s)")
    households.clear()

    # (c) The what-if simulation: one read of the register, two evaluations per household.
    best, mean, simulation = best_of(args.runs, lambda: whatif.simulate(
        call=call, on=ON, overrides=OVERRIDES))
    print(f"(c) what-if            {best:6.2f} s  {simulation.households / best:9,.0f} "
          f"households/s  (mean of {args.runs}: {mean:.2f} s; ISEE max 25,000 and 60 %: "
          f"{simulation.total.current.eligible:,} -> {simulation.total.simulated.eligible:,} "
          f"eligible, {simulation.total.current.amount:,.2f} -> "
          f"{simulation.total.simulated.amount:,.2f} EUR)")
    assert simulation.total.current.eligible == eligible
    assert simulation.total.current.amount == amount
    print(f"Targets: screening < 10 s, what-if < 3 s. {load()}")

    if args.keep:
        print(f"Kept: {work}  (run again with --reuse {work})")
    elif not args.reuse:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
