"""`manage.py energy_payment_run` for an operator or a scheduler: writes the run's files into a
folder and prints how many lines and euros it prepared, or that there was nothing to pay. A
run whose files were never written (the process was killed after the commit) is never lost
from sight: the next command writes it out, or lists it and exits non-zero."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from casa.energy import payments
from casa.energy.models import ApplicationStatus, PaymentLine, PaymentRunState
from casa.energy.payments import payment_run, payment_run_confirm

from .payments_fixtures import TENANT_IBAN, approve

pytestmark = pytest.mark.django_db
CODE = "energia-2025-26"


def run_command(*args):
    out = io.StringIO()
    call_command("energy_payment_run", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def approved(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    credit = approve(households["H001"], amount="600.00", officer=officer)
    approve(households["H002"], amount="400.00", officer=officer, iban=TENANT_IBAN)
    return {"officer": officer, "call": credit.call}


def files(folder):
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_the_command_writes_the_files_and_prints_lines_and_euros(approved, tmp_path):
    printed = run_command("--call", CODE, "--out", str(tmp_path))

    assert "2 lines, 1000.00 EUR (1 bill credits, 1 bank transfers)" in printed
    assert files(tmp_path) == ["energia-2025-26-payment-run-1-bill-credits.csv",
                               "energia-2025-26-payment-run-1-sepa-pain.001.xml"]
    csv_text = (tmp_path / files(tmp_path)[0]).read_text()
    assert csv_text.splitlines()[1].startswith("H001,U-H001,2025-26,600.00,")
    run = approved["call"].payment_runs.get()
    assert run.state == PaymentRunState.DELIVERED
    assert run.delivered_by_label == "energy_payment_run"


def test_running_it_again_prints_nothing_to_pay_and_writes_nothing(approved, tmp_path):
    run_command("--call", CODE, "--out", str(tmp_path / "first"))

    printed = run_command("--call", CODE, "--out", str(tmp_path / "second"))

    assert printed.strip() == "Nothing to pay for energia-2025-26."
    assert not (tmp_path / "second").exists()


def test_an_unknown_call_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No call with code 'nope'"):
        run_command("--call", "nope", "--out", str(tmp_path))


def test_a_run_killed_after_its_commit_is_written_out_by_the_next_command(approved, tmp_path):
    # The process died after the commit, before writing: the run is saved, no file exists.
    killed = payment_run(call=approved["call"], acting_user="energy_payment_run")
    assert killed.state == PaymentRunState.PREPARED and files(tmp_path) == []

    printed = run_command("--call", CODE, "--out", str(tmp_path))

    assert "Payment run 1 of energia-2025-26 (never handed over, written out now)" in printed
    assert "Nothing to pay for energia-2025-26." in printed
    assert files(tmp_path) == ["energia-2025-26-payment-run-1-bill-credits.csv",
                               "energia-2025-26-payment-run-1-sepa-pain.001.xml"]
    killed.refresh_from_db()
    assert (tmp_path / files(tmp_path)[1]).read_text() == killed.sepa_xml
    payment_run_confirm(run=killed, executed_on=timezone.localdate(),
                        acting_user=approved["officer"])
    assert PaymentLine.objects.count() == 2
    assert set(approved["call"].applications.values_list("status", flat=True)) == {
        ApplicationStatus.PAID}


def test_a_command_killed_while_writing_leaves_the_run_for_the_next_one(approved, tmp_path,
                                                                       monkeypatch):
    def killed(*args, **kwargs):
        raise SystemExit(-9)

    monkeypatch.setattr(payments, "write_files", killed)
    monkeypatch.setattr("casa.energy.management.commands.energy_payment_run.write_files",
                        killed)
    with pytest.raises(SystemExit):
        run_command("--call", CODE, "--out", str(tmp_path))
    assert files(tmp_path) == []
    monkeypatch.undo()

    printed = run_command("--call", CODE, "--out", str(tmp_path))

    assert "never handed over, written out now" in printed
    assert len(files(tmp_path)) == 2
    assert approved["call"].payment_runs.count() == 1


def test_without_a_folder_runs_never_handed_over_are_listed_and_the_command_fails(
        approved, tmp_path):
    payment_run(call=approved["call"], acting_user="energy_payment_run")
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 earlier payment run"):
        call_command("energy_payment_run", "--call", CODE, stdout=out, stderr=out)

    assert "Payment run 1 of energia-2025-26 (never handed over)" in out.getvalue()
    assert approved["call"].payment_runs.count() == 1  # no new run on top


def test_nothing_to_pay_with_a_run_never_handed_over_is_not_a_success(approved):
    payment_run(call=approved["call"], acting_user="energy_payment_run")
    assert payments.payment_preview(approved["call"]).count == 0

    with pytest.raises(CommandError, match="never handed over"):
        run_command("--call", CODE)


def test_without_a_folder_a_new_run_stays_in_casa_for_the_back_office(approved, tmp_path):
    printed = run_command("--call", CODE)

    assert "The files stay in CASA" in printed
    run = approved["call"].payment_runs.get()
    assert run.state == PaymentRunState.PREPARED


def test_writing_a_run_again_writes_the_same_files(approved, tmp_path):
    run = payment_run(call=approved["call"], acting_user="energy_payment_run",
                      out_dir=tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    payments.write_files(run, tmp_path)

    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
