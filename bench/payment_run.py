"""Benchmark of the energy contribution's payment run over 10,000 approved applications: the
time and the number of database queries of the preview, the run, writing its files, the run's
page, the list of runs and the confirmation.

    .venv/bin/python bench/payment_run.py [--applications 10000] [--keep | --reuse DIR]

Building (once): a generated register is imported with `import_registry` (as
bench/registry_import.py does), the demo call is created with a budget that covers everyone
and a four-eyes threshold above the largest amount, and each of the first eligible households
is submitted (`application_submit`, at a Spazio CASA desk) and approved
(`application_decide`): the real services, one application at a time, with no shortcut. A
fifth of them, in autonomous-heating homes, give an IBAN and are paid by bank transfer; the
register bills heating to few such homes, so they get a heating charge first, as the demo does.
Message delivery is not queued (the dummy task backend): the bench measures the payments, not
the outbox. The built database is kept as a snapshot (`--keep`); `--reuse DIR` measures again
on a fresh copy of it without rebuilding.

Measures run in the laptop profile (DEBUG on, SQLite), in one process, each step's queries
counted with a connection wrapper. Building 10,000 applications takes 20-40 minutes on a
2-core machine (about 0.2 s an application); `--build-only DIR` builds the snapshot alone.

Measured on 2026-11-30 (2 cores, SQLite, load average about 2; 10,000 lines, 2,000 of them
bank transfers): preview 5.8 s / 26 queries, run 13.2 s / 307, writing the files 0.01 s / 2,
run page 9.6 s / 5, run list 0.1 s / 6, confirmation 21.1 s / 800 (20,000 messages). The
queries that grow are the batches of bulk inserts: SQLite takes at most 999 parameters a
statement, so about 49 payment lines or 58 messages an INSERT.
"""

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_import import ROOT  # noqa: E402

CALL = "energia-2025-26"


def load():
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def setup_environment(work: Path, database: Path):
    os.environ["DEBUG"] = "1"
    os.environ["CASA_VAR_DIR"] = str(work / "var")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["CASA_REQUIRE_STAFF_MFA"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(work: Path, applications: int, seed: int):
    import subprocess

    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)
    from django.db import transaction
    from django.utils import timezone

    from casa.accounts.models import User
    from casa.energy import rules
    from casa.energy.applying import needs_iban
    from casa.energy.demo import DEMO_PARAMETERS, LEGAL_REFERENCE, _approve, _submit
    from casa.energy.models import Channel
    from casa.energy.screening import register_rows
    from casa.energy.services import call_create, default_window
    from casa.registry.demo import create_hubs, write_register_csv
    from casa.registry.importing import import_registry
    from casa.registry.models import ChargeBasis, HeatingCharge, Household

    started = time.perf_counter()
    create_hubs()
    households = applications * 12
    write_register_csv(work / "register", households=households, seed=seed)
    result = import_registry(work / "register")
    assert not result.rejected_rows, result.rejected_rows
    print(f"Register: {households:,} households imported in "
          f"{time.perf_counter() - started:.1f} s")

    today = timezone.localdate()
    opens_at, closes_at = default_window(today)
    # The demo call with the ceiling the Region set on 2026-02-23 (ISEE up to 25,000 €), a
    # budget that covers everyone and no second approval (nothing is above 1,000 €).
    call = call_create(code=CALL, title="Contributo energetico (bench)", season="2025-26",
                       opens_at=opens_at, closes_at=closes_at,
                       budget_eur=Decimal(applications * 600),
                       parameters={**DEMO_PARAMETERS, "isee_max": "25000.00"},
                       valid_from=dt.date(2025, 11, 1), legal_reference=LEGAL_REFERENCE,
                       four_eyes_above_eur="1000.00", acting_user="bench")
    desk = User.objects.create_user(email="desk@bench.invalid", password=None,
                                    role="community_manager")
    officer = User.objects.create_user(email="officer@bench.invalid",
                                       password=None, role="benefit_officer")

    # A fifth by bank transfer: autonomous-heating homes with no charge get one.
    transfers_wanted = applications // 5
    autonomous = [h for h in Household.objects.filter(tenancy_end=None)
                  .select_related("unit__building").order_by("code")[:households]
                  if needs_iban(h)]
    charged = set(HeatingCharge.objects.filter(season=call.season)
                  .values_list("household_id", flat=True))
    HeatingCharge.objects.bulk_create([
        HeatingCharge(household=h, season=call.season, basis=ChargeBasis.ESTIMATE,
                      amount_eur=Decimal("400.00") + (i % 7) * 50)
        for i, h in enumerate([h for h in autonomous if h.pk not in charged])])
    params = call.params_at(today)
    eligible_transfer, eligible_credit = [], []
    for row in register_rows(season=call.season, on=today):
        if rules.evaluate(row.facts, params, season=call.season, on=today,
                          with_trace=False).eligible:
            eligible_credit.append(row.code)
    by_code = Household.objects.select_related("unit__building").in_bulk(
        eligible_credit, field_name="code")
    eligible_transfer = [c for c in eligible_credit if needs_iban(by_code[c])]
    eligible_credit = [c for c in eligible_credit if not needs_iban(by_code[c])]
    chosen = (eligible_transfer[:transfers_wanted]
              + eligible_credit[:applications - min(transfers_wanted, len(eligible_transfer))])
    assert len(chosen) == applications, f"only {len(chosen)} eligible households"

    started = time.perf_counter()
    for start in range(0, len(chosen), 500):
        with transaction.atomic():
            for number, code in enumerate(chosen[start:start + 500], start=start + 1):
                application = _submit(call, by_code[code], actor=desk, number=number,
                                      channel=Channel.ASSISTED)
                _approve(application, officer=officer, approver=None)
        done = min(start + 500, len(chosen))
        elapsed = time.perf_counter() - started
        print(f"  {done:,} applications submitted and approved in {elapsed:.0f} s", flush=True)
    print(f"Approved {applications:,} applications ({len(eligible_transfer[:transfers_wanted]):,}"
          f" by bank transfer) through application_submit and application_decide in "
          f"{time.perf_counter() - started:.0f} s")


def measure(work: Path):
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from casa.accounts.models import User
    from casa.energy.models import Call, PaymentRun
    from casa.energy.payments import payment_preview, payment_run, payment_run_confirm, write_files

    call = Call.objects.get(code=CALL)
    officer = User.objects.get(email="officer@bench.invalid")
    client = Client()
    client.force_login(officer)
    rows = []

    def timed(label, function):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - started
        rows.append((label, seconds, count[0]))
        return result

    preview = timed("payment_preview", lambda: payment_preview(call))
    run = timed("payment_run", lambda: payment_run(call=call, acting_user=officer))
    assert run.lines_count == preview.count, (run.lines_count, preview.count)
    timed("write_files (CSV + SEPA)", lambda: write_files(run, work / "out", actor="bench"))
    page = timed("run page (GET)", lambda: client.get(
        reverse("energy:payment_run", kwargs={"code": CALL, "number": run.number})))
    assert page.status_code == 200, page.status_code
    listing = timed("run list (GET)", lambda: client.get(
        reverse("energy:payment_runs", kwargs={"code": CALL})))
    assert listing.status_code == 200, listing.status_code
    timed("payment_run_confirm", lambda: payment_run_confirm(
        run=PaymentRun.objects.get(pk=run.pk), executed_on=timezone.localdate(),
        reference="BENCH", acting_user=officer))
    run.refresh_from_db()
    paid = call.applications.filter(status="paid").count()
    transfers = run.lines.filter(method="transfer").count()
    print(f"Run {run.number}: {run.lines_count:,} lines ({transfers:,} bank transfers), "
          f"{run.total_eur:,.2f} EUR, {len(run.held_back)} held back; {paid:,} applications "
          f"paid after confirmation")
    print(f"{'step':28} {'seconds':>8} {'queries':>8}")
    for label, seconds, queries in rows:
        print(f"{label:28} {seconds:8.2f} {queries:8d}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the folder and snapshot")
    parser.add_argument("--reuse", metavar="DIR", help="a folder kept by --keep: no rebuild")
    parser.add_argument("--build-only", metavar="DIR", help="build the snapshot in DIR, no "
                        "measures (then --reuse DIR)")
    args = parser.parse_args()

    if args.build_only:
        work = Path(args.build_only)
        work.mkdir(parents=True, exist_ok=True)
        setup_environment(work, work / "approved.sqlite3")
        build(work, args.applications, args.seed)
        return
    work = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="casa-bench-pay-"))
    snapshot = work / "approved.sqlite3"
    database = work / "bench.sqlite3"
    print(f"Database: SQLite; {load()}")
    if not args.reuse:
        setup_environment(work, snapshot)
        build(work, args.applications, args.seed)
        from django.db import connection

        connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(snapshot, database)
    if args.reuse:
        setup_environment(work, database)
        import subprocess

        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT,
                       check=True)
    else:
        from django.db import connections

        connections["default"].settings_dict["NAME"] = str(database)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    shutil.rmtree(work / "out", ignore_errors=True)
    measure(work)
    print(f"Done. {load()}")
    if args.keep:
        print(f"Kept: {work}  (measure again with --reuse {work})")
    elif not args.reuse:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
