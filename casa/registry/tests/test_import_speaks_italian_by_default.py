import pytest
from django.core.management import CommandError, call_command

from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register


def test_the_agency_staff_read_the_rejections_in_italian(hubs, tmp_path, capsys):
    members = REGISTER["members.csv"].replace("RSSMRA80A01F205X", "RSSMRA80A01F205Y")

    with pytest.raises(CommandError):
        call_command("import_registry", str(write_register(tmp_path / "in", members=members)),
                     report=str(tmp_path / "report.csv"))

    assert ("members.csv riga 2, fiscal_code: il carattere di controllo del codice fiscale è "
            "errato") in capsys.readouterr().out
