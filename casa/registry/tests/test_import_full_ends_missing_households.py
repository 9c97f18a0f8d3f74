"""With --full, current households missing from the export are ended, never deleted."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.registry.importing import import_registry
from casa.registry.models import Household
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = pytest.mark.usefixtures("english")



def without_h003(text):
    return "".join(line for line in text.splitlines(True) if not line.startswith("H003"))


@pytest.fixture
def imported(hubs, tmp_path):
    import_registry(write_register(tmp_path / "first"))


def test_a_household_missing_from_a_full_export_is_ended_today(imported, tmp_path):
    directory = write_register(tmp_path / "full",
                               households=without_h003(REGISTER["households.csv"]),
                               members=without_h003(REGISTER["members.csv"]))

    result = import_registry(directory, full=True)

    assert result.ended == 1
    household = Household.objects.get(code="H003")
    assert household.tenancy_end == timezone.localdate()
    assert household.members.count() == 1  # history stays
    event = AuditEvent.objects.get(action="end", target_type="registry.household")
    assert event.subject == "household:H003"
    assert event.changes == {"tenancy_end": ["", timezone.localdate().isoformat()]}


def test_without_full_a_missing_household_stays_current(imported, tmp_path):
    result = import_registry(write_register(
        tmp_path / "partial", households=without_h003(REGISTER["households.csv"])))

    assert result.ended == 0 and Household.objects.get(code="H003").tenancy_end is None


def test_a_household_that_reappears_is_current_again(imported, tmp_path):
    import_registry(write_register(tmp_path / "full",
                                   households=without_h003(REGISTER["households.csv"])),
                    full=True)

    result = import_registry(write_register(tmp_path / "back"), full=True)

    assert result.files["households.csv"].updated == 1 and result.ended == 0
    assert Household.objects.get(code="H003").tenancy_end is None
    event = AuditEvent.objects.filter(action="update").get()
    assert event.changes == {"tenancy_end": [timezone.localdate().isoformat(), ""]}


def test_a_second_full_import_does_not_end_anyone_again(imported, tmp_path):
    directory = write_register(tmp_path / "full",
                               households=without_h003(REGISTER["households.csv"]))
    import_registry(directory, full=True)
    events = AuditEvent.objects.count()

    result = import_registry(directory, full=True)

    assert result.ended == 0 and AuditEvent.objects.count() == events


def test_a_household_whose_row_is_rejected_is_not_ended(imported, tmp_path):
    households = REGISTER["households.csv"].replace("H003,U003,2001-01-01",
                                                    "H003,U003,2001-01-32")

    result = import_registry(write_register(tmp_path / "full", households=households),
                             full=True, skip_invalid=True)

    assert result.ended == 0 and Household.objects.get(code="H003").tenancy_end is None


def test_full_needs_households_csv(imported, tmp_path):
    directory = write_register(tmp_path / "no-households", households=None)

    with pytest.raises(CommandError, match="--full needs households.csv"):
        call_command("import_registry", str(directory), full=True)
