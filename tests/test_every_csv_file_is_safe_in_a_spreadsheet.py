"""Every CSV file CASA writes, downloaded or written by a command, holds no cell that a
spreadsheet would run as a formula (OWASP's CSV injection): each goes through
casa.core.spreadsheet.csv_writer. The first test enumerates the writers in the code, so that a
new one must be added here, with a hostile value through it."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from casa.core.spreadsheet import spreadsheet_safe
from casa.core.tests.audit_helpers import write
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.tests.backoffice import ON, eligible_register, login
from casa.energy.tests.payments_fixtures import approve
from casa.registry.importing import import_registry
from casa.registry.models import Household, Hub, Unit
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register

ROOT = Path(__file__).resolve().parent.parent

# Each module that writes CSV, and the test below that sends a hostile value through it.
WRITERS = {
    "casa/core/views.py": "test_the_audit_trail_export",
    "casa/energy/views/screening.py": "test_the_screening_download",
    "casa/energy/screening.py": "test_the_screening_command",
    "casa/energy/payments.py": "test_the_bill_credits_download_and_command",
    "casa/registry/importing/load.py": "test_the_import_report",
}
# Views that answer with CSV, by module (the bill credits are written by payments.py).
DOWNLOADS = {"casa/core/views.py", "casa/energy/views/screening.py",
             "casa/energy/views/payments.py"}
# csv.writer itself: the safe writer, and the demo register (the import's input, see
# casa/core/spreadsheet.py).
RAW_WRITERS = {"casa/core/spreadsheet.py", "casa/registry/demo.py"}

FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(1+2)", "\t=1+2", "\r=1+2",
            "=HYPERLINK(\"http://x.invalid\")"]


def sources():
    for path in sorted((ROOT / "casa").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" not in relative and "/migrations/" not in relative:
            yield relative, path.read_text()


def test_every_csv_writer_in_the_code_is_covered_here():
    writers = {name for name, text in sources() if re.search(r"\bcsv_writer\(", text)}
    raw = {name for name, text in sources() if re.search(r"\bcsv\.(?:Dict)?[wW]riter\(", text)}
    downloads = {name for name, text in sources() if "text/csv" in text}

    assert writers - {"casa/core/spreadsheet.py"} == set(WRITERS)
    assert raw == RAW_WRITERS
    assert downloads == DOWNLOADS
    assert all(name in globals() for name in WRITERS.values())


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_is_written_as_text_and_a_number_as_a_number(value):
    assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("-100.00") == "-100.00"
    assert spreadsheet_safe("Rossi") == "Rossi"


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def streamed(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_audit_trail_export(client, make_user):
    write(actor="anonymous", action="login_failed", target_type="accounts.user",
          target_id="@SUM(1+2)", subject="")
    client.force_login(make_user("auditor"))

    header, row = rows(streamed(client.get(reverse("core:audit_export"),
                                           {"action": "login_failed"})))

    assert row[header.index("Elemento")] == "'@SUM(1+2)"


@pytest.fixture
def hostile_register(register):
    """H003 has a code that a spreadsheet would run (the register's codes cannot start so
    since the import checks them, but a file must stay safe whatever the database holds)."""
    create_demo_call(today=ON)
    eligible_register(register)
    Household.objects.filter(code="H003").update(code="=1+2")
    return register


def test_the_screening_download(client, hostile_register, make_user):
    login(client, make_user("benefit_officer"))

    text = streamed(client.get(reverse("energy:screening_csv", args=[DEMO_CALL_CODE]),
                               {"as_of": ON.isoformat()}))

    assert [row[0] for row in rows(text) if "1+2" in row[0]] == ["'=1+2"]


def test_the_screening_command(hostile_register, tmp_path):
    out = tmp_path / "screening.csv"

    call_command("energy_screen", "--call", DEMO_CALL_CODE, "--as-of", ON.isoformat(),
                 "--out", out)

    assert [row[0] for row in rows(out.read_text(encoding="utf-8"))
                         if "1+2" in row[0]] == ["'=1+2"]


def test_the_bill_credits_download_and_command(client, register, make_user, tmp_path):
    officer = make_user("benefit_officer")
    household = register["households"]["H001"]
    Unit.objects.filter(pk=household.unit_id).update(code="-1+2")
    Household.objects.filter(pk=household.pk).update(code="+1+2")
    household.refresh_from_db()
    application = approve(household, amount="600.00", officer=officer)
    login(client, officer)

    call_command("energy_payment_run", "--call", DEMO_CALL_CODE, "--out", str(tmp_path),
                 stdout=io.StringIO())
    run = application.call.payment_runs.get()
    response = client.get(reverse("energy:payment_run_csv", args=[DEMO_CALL_CODE, run.number]))

    downloaded = rows(response.content.decode("utf-8"))
    assert response["Content-Type"].startswith("text/csv")
    assert downloaded[1][:4] == ["'+1+2", "'-1+2", "2025-26", "600.00"]
    written = next(tmp_path.glob("*-bill-credits.csv")).read_text(encoding="utf-8")
    assert rows(written) == downloaded


def test_the_import_report(db, tmp_path):
    Hub.objects.create(code="san-siro", name="San Siro", address="Piazza Selinunte 1",
                       municipality="Milano")
    buildings = REGISTER["buildings.csv"].replace(",San Siro,san-siro,", ",San Siro,=1+2,")
    report = tmp_path / "report.csv"

    call_command("import_registry", str(write_register(tmp_path / "in", buildings=buildings)),
                 skip_invalid=True, report=report, stdout=io.StringIO())

    header, *lines = rows(report.read_text(encoding="utf-8"))
    assert [line[header.index("value")] for line in lines if line[0] == "buildings.csv"] == [
        "'=1+2"]
    # The same rejection, from code.
    result = import_registry(write_register(tmp_path / "again", buildings=buildings),
                             skip_invalid=True, report_path=tmp_path / "again.csv")
    assert result.rejections[0].value == "=1+2"  # as read; only the file is made safe
