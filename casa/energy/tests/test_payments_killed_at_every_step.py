"""`kill -9` at every step of `energy_payment_run`, in a real process, then the command again:
in the end everyone is paid exactly once and every file is present.

The command runs in a child process on a copy of the test database (SQLite: the in-memory
test database is copied into a file with the backup API, and back afterwards).
CASA_TEST_KILL_AT names the step where the child kills itself with SIGKILL
(casa.energy.payments.checkpoint): before the commit, after the commit, after writing the
first of the two files, after the run is recorded as delivered."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from casa.energy.models import ApplicationStatus, PaymentLine, PaymentRun, PaymentRunState
from casa.energy.payments import KILL_AT_VARIABLE, file_names, payment_run_confirm
from casa.notifications.models import Message

from .fixtures import demo_call, household
from .payments_fixtures import approve

CODE = "energia-2025-26"


def command(database, out, kill_at=None):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1",
           "CASA_VAR_DIR": str(database.parent / "var"),
           "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    env.pop(KILL_AT_VARIABLE, None)
    if kill_at:
        env[KILL_AT_VARIABLE] = kill_at
    return subprocess.run([sys.executable, "manage.py", "energy_payment_run", "--call", CODE,
                           "--out", str(out)], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def present(folder):
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.mark.django_db(transaction=True)
def test_a_run_killed_at_every_step_ends_with_everyone_paid_once_and_every_file(
        make_user, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the child process works on a file copy of the SQLite test database")
    officer = make_user("benefit_officer")
    call = demo_call()
    applications = [approve(household(heating=heating), amount=amount, officer=officer,
                            call=call)
                    for heating, amount in (("central", "300.00"), ("central", "250.00"),
                                            ("autonomous", "200.00"),
                                            ("autonomous", "150.00"))]
    database, out = tmp_path / "child.sqlite3", tmp_path / "out"
    connection.ensure_connection()
    child = sqlite3.connect(database)
    connection.connection.backup(child)
    child.close()

    def step(kill_at):
        result = command(database, out, kill_at)
        return result, sqlite3.connect(database)

    # Killed before the commit: nothing was saved, nothing written.
    result, db = step("before_commit")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert db.execute("select count(*) from energy_paymentrun").fetchone() == (0,)
    assert db.execute("select count(*) from energy_paymentline").fetchone() == (0,)
    assert present(out) == []

    # Killed after the commit: the run is saved, still "prepared", no file.
    result, db = step("after_commit")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert db.execute("select number, state from energy_paymentrun").fetchall() == [
        (1, "prepared")]
    assert present(out) == []

    # Killed after the first of the two files of that run: one whole file, no half one.
    result, db = step("after_first_file")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert present(out) == ["energia-2025-26-payment-run-1-bill-credits.csv"]
    assert db.execute("select state from energy_paymentrun").fetchall() == [("prepared",)]

    # Killed once the run is recorded as delivered (before anyone confirms it).
    result, db = step("after_delivery")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert db.execute("select state from energy_paymentrun").fetchall() == [("delivered",)]
    assert len(present(out)) == 2

    # Run again with no kill: nothing left to pay, nothing pending, exit 0.
    result, db = step(None)
    assert result.returncode == 0, result.stderr
    assert "Nothing to pay" in result.stdout
    db.close()

    # Back in the test database: the bank confirms the run.
    child = sqlite3.connect(database)
    child.backup(connection.connection)
    child.close()
    run = PaymentRun.objects.get()
    assert run.state == PaymentRunState.DELIVERED
    names = file_names(run)
    assert (out / names["csv"]).read_text(encoding="utf-8") == run.bill_credit_csv
    assert (out / names["xml"]).read_text(encoding="utf-8") == run.sepa_xml
    assert not list(Path(out).glob("*.part"))
    payment_run_confirm(run=run, executed_on=timezone.localdate(), acting_user=officer)

    for application in applications:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.PAID
        lines = PaymentLine.objects.filter(application=application)
        assert [line.amount_eur for line in lines] == [application.approved_amount_eur]
    assert Message.objects.filter(kind="energy.paid", channel="app").count() == 4
