"""Members are dated memberships: a --full import ends the members missing from the export, a
member moving to another household ends the old membership and starts a new one, and history
stays. A fiscal code has at most one current membership."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.registry.importing import import_registry
from casa.registry.models import Household, Member
from casa.registry.tests.test_import_creates_the_register import REGISTER, write_register

pytestmark = pytest.mark.usefixtures("english")

LAURA = "RSSLRA82B45F205O"


def without(code, text):
    return "".join(line for line in text.splitlines(True) if code not in line.upper())


@pytest.fixture
def imported(hubs, tmp_path):
    import_registry(write_register(tmp_path / "first"))


def test_members_imported_with_their_household_start_with_its_tenancy(imported):
    laura = Member.objects.get(fiscal_code=LAURA)

    assert laura.started_on == dt.date(2015, 3, 1) and laura.ended_on is None


def test_a_member_added_later_starts_on_the_day_of_the_import(imported, tmp_path):
    members = (REGISTER["members.csv"]
               + "H003,RSSGNN10C12F205H,Giovanni,Rossi,2010-03-12,M,child,IT\n")

    import_registry(write_register(tmp_path / "more", members=members))

    assert Member.objects.get(fiscal_code="RSSGNN10C12F205H").started_on == (
        timezone.localdate())


def test_a_member_missing_from_a_full_export_is_ended_and_kept(imported, tmp_path):
    result = import_registry(write_register(
        tmp_path / "full", members=without(LAURA, REGISTER["members.csv"])), full=True)

    assert result.ended_members == 1 and result.ended == 0
    laura = Member.objects.get(fiscal_code=LAURA)  # kept, with its dates
    assert laura.ended_on == timezone.localdate()
    assert list(Household.objects.get(code="H001").members.current()
                .values_list("first_name", flat=True)) == ["Mario"]
    event = AuditEvent.objects.get(action="end", target_type="registry.member")
    assert (event.target_id, event.subject) == (LAURA, "household:H001")
    assert event.changes == {"ended_on": ["", timezone.localdate().isoformat()]}
    assert AuditEvent.objects.filter(action="import").latest("pk").changes[
        "ended_members"] == 1


def test_without_full_a_missing_member_stays_current(imported, tmp_path):
    result = import_registry(write_register(
        tmp_path / "partial", members=without(LAURA, REGISTER["members.csv"])))

    assert result.ended_members == 0
    assert Member.objects.get(fiscal_code=LAURA).ended_on is None


def test_a_full_export_without_members_csv_ends_no_member(imported, tmp_path):
    result = import_registry(write_register(tmp_path / "full", members=None), full=True)

    assert result.ended_members == 0 and not Member.objects.exclude(ended_on=None).exists()


def test_a_member_whose_row_is_rejected_is_not_ended(imported, tmp_path):
    members = REGISTER["members.csv"].replace("Laura,Rossi,1982-02-05", "Laura,Rossi,1982-02-30")

    result = import_registry(write_register(tmp_path / "full", members=members), full=True,
                             skip_invalid=True)

    assert result.ended_members == 0
    assert Member.objects.get(fiscal_code=LAURA).ended_on is None


def test_a_member_who_moves_ends_the_old_membership_and_starts_a_new_one(imported, tmp_path):
    members = REGISTER["members.csv"].replace(
        "H001,rsslra82b45f205o,Laura,Rossi", "H002,rsslra82b45f205o,Laura,Rossi")

    result = import_registry(write_register(tmp_path / "moved", members=members), full=True)

    today = timezone.localdate()
    assert result.moved == 1 and result.ended_members == 0
    assert result.files["members.csv"].updated == 1 and result.files["members.csv"].created == 0
    old, new = Member.objects.filter(fiscal_code=LAURA).order_by("pk")
    assert (old.household.code, old.started_on, old.ended_on) == ("H001", dt.date(2015, 3, 1),
                                                                  today)
    assert (new.household.code, new.started_on, new.ended_on) == ("H002", today, None)
    ended = AuditEvent.objects.get(action="end", target_type="registry.member")
    assert ended.subject == "household:H001" and ended.note == "moved to household H002"
    started = AuditEvent.objects.get(action="create", target_type="registry.member")
    assert started.subject == "household:H002" and started.note == "moved from household H001"
    assert started.changes == {"started_on": today.isoformat()}


def test_importing_the_move_again_changes_nothing(imported, tmp_path):
    members = REGISTER["members.csv"].replace(
        "H001,rsslra82b45f205o,Laura,Rossi", "H002,rsslra82b45f205o,Laura,Rossi")
    import_registry(write_register(tmp_path / "moved", members=members), full=True)
    events = AuditEvent.objects.count()

    result = import_registry(write_register(tmp_path / "again", members=members), full=True)

    assert result.moved == 0 and result.files["members.csv"].unchanged == 4
    assert Member.objects.filter(fiscal_code=LAURA).count() == 2
    assert AuditEvent.objects.count() == events


def test_a_member_who_comes_back_gets_a_new_membership(imported, tmp_path):
    import_registry(write_register(tmp_path / "gone",
                                   members=without(LAURA, REGISTER["members.csv"])), full=True)

    result = import_registry(write_register(tmp_path / "back"), full=True)

    assert result.files["members.csv"].created == 1
    assert list(Member.objects.filter(fiscal_code=LAURA).order_by("pk")
                .values_list("ended_on", flat=True)) == [timezone.localdate(), None]


def test_the_command_says_how_many_members_moved_and_ended(imported, tmp_path, capsys):
    members = without("BNCLCU75D10F205E", REGISTER["members.csv"]).replace(
        "H001,rsslra82b45f205o,Laura,Rossi", "H002,rsslra82b45f205o,Laura,Rossi")

    call_command("import_registry", str(write_register(tmp_path / "full", members=members)),
                 full=True, report=tmp_path / "report.csv")

    out = capsys.readouterr().out
    assert "Members who moved to another household: 1" in out
    assert "Members no longer in the register, membership ended: 1" in out


def test_the_database_refuses_two_current_memberships_of_one_person(imported):
    laura = Member.objects.get(fiscal_code=LAURA)
    laura.pk = None
    laura.household = Household.objects.get(code="H002")

    with pytest.raises(IntegrityError), transaction.atomic():
        laura.save()
