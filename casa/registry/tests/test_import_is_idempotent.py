"""Importing the same files twice changes nothing; a changed row updates its record, in the
audit trail."""

import pytest

from casa.core.models import AuditEvent
from casa.registry.importing import import_registry
from casa.registry.models import HeatingCharge, Household, Member
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register


@pytest.fixture
def imported(hubs, tmp_path):
    import_registry(write_register(tmp_path / "first"))
    return AuditEvent.objects.count()


def test_importing_the_same_files_again_changes_nothing(imported, tmp_path):
    before = list(Household.objects.values())

    result = import_registry(write_register(tmp_path / "again"))

    assert result.ok
    assert all(s.created == 0 and s.updated == 0 for s in result.files.values())
    assert result.files["members.csv"].unchanged == 4
    assert list(Household.objects.values()) == before  # not even updated_at moved
    assert AuditEvent.objects.count() == imported


def test_a_changed_household_is_updated_with_the_change_in_its_history(imported, tmp_path):
    households = REGISTER["households.csv"].replace(
        "H002,U002,2019-10-15,accesso,,120.50,yes", "H002,U001,2019-10-15,accesso,,0,no")

    result = import_registry(write_register(tmp_path / "changed", households=households))

    assert result.files["households.csv"].updated == 1
    assert result.files["households.csv"].unchanged == 2
    household = Household.objects.get(code="H002")
    assert household.unit.code == "U001" and not household.repayment_plan
    event = AuditEvent.objects.get(action="update")
    assert event.subject == "household:H002" and event.actor_label == "import_registry"
    assert event.changes == {"unit": ["U002", "U001"], "arrears_eur": ["120.50", "0.00"],
                             "repayment_plan": ["yes", "no"]}


def test_a_changed_member_and_charge_are_audited_on_their_household(imported, tmp_path):
    members = REGISTER["members.csv"].replace("Laura,Rossi", "Laura,Rossi Verdi")
    charges = REGISTER["heating_charges.csv"].replace("1210.40,150", "1210.40,")

    import_registry(write_register(tmp_path / "changed", members=members,
                                   heating_charges=charges))

    member_event = AuditEvent.objects.get(action="update", target_type="registry.member")
    assert member_event.subject == "household:H001"
    assert member_event.changes == {"last_name": ["Rossi", "Rossi Verdi"]}
    charge_event = AuditEvent.objects.get(action="update",
                                          target_type="registry.heatingcharge")
    assert charge_event.target_id == "H001:2024-25:actual"
    assert charge_event.changes == {"other_aid_eur": ["150.00", ""]}
    assert HeatingCharge.objects.get(household__code="H001", basis="actual").other_aid_eur is None
    assert Member.objects.get(fiscal_code="RSSLRA82B45F205O").last_name == "Rossi Verdi"


def test_new_rows_of_a_later_import_are_summed_up_in_one_event(imported, tmp_path):
    members = (REGISTER["members.csv"]
               + "H003,RSSGNN10C12F205H,Giovanni,Rossi,2010-03-12,M,child,IT\n")

    result = import_registry(write_register(tmp_path / "more", members=members))

    assert result.files["members.csv"].created == 1
    event = AuditEvent.objects.filter(action="import").first()
    assert AuditEvent.objects.filter(action="import").count() == 2
    assert event.changes["members.csv"]["created"] == 1
