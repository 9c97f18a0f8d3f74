"""`manage.py energy_payment_run` for a scheduler: writes the run's files into a folder and
prints how many lines and euros it paid, or that there was nothing to pay."""

import io

import pytest
from django.core.management import CommandError, call_command

from .payments_fixtures import approve

pytestmark = pytest.mark.django_db


def run_command(*args):
    out = io.StringIO()
    call_command("energy_payment_run", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_files_and_prints_lines_and_euros(register, make_user,
                                                                 tmp_path):
    officer = make_user("benefit_officer")
    households = register["households"]
    approve(households["H001"], amount="600.00", officer=officer)
    approve(households["H002"], amount="400.00", officer=officer,
            iban="IT42L1234512345123456789012")

    printed = run_command("--call", "energia-2025-26", "--out", str(tmp_path))

    assert "2 lines, 1000.00 EUR paid (1 bill credits, 1 bank transfers)" in printed
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["energia-2025-26-payment-run-1-bill-credits.csv",
                     "energia-2025-26-payment-run-1-sepa-pain.001.xml"]
    csv_text = (tmp_path / names[0]).read_text()
    assert csv_text.splitlines()[1].startswith("H001,U-H001,2025-26,600.00,")


def test_running_it_again_prints_nothing_to_pay_and_writes_nothing(register, make_user,
                                                                   tmp_path):
    approve(register["households"]["H001"], amount="600.00",
            officer=make_user("benefit_officer"))
    run_command("--call", "energia-2025-26", "--out", str(tmp_path / "first"))

    printed = run_command("--call", "energia-2025-26", "--out", str(tmp_path / "second"))

    assert printed.strip() == "Nothing to pay for energia-2025-26."
    assert not (tmp_path / "second").exists()


def test_an_unknown_call_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No call with code 'nope'"):
        run_command("--call", "nope", "--out", str(tmp_path))
