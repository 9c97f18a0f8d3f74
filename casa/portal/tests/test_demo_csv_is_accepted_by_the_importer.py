"""`seed_demo --csv DIR` writes files that the importer takes without rejecting a row."""

from django.core.management import call_command

from casa.registry.demo import FILES, create_hubs
from casa.registry.importing import import_registry
from casa.registry.models import Household, IseeDeclaration, Member


def test_seed_demo_csv_writes_the_six_files_and_touches_no_database(tmp_path, db):
    call_command("seed_demo", "--households", "50", "--csv", str(tmp_path), stdout=None)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FILES)
    assert not Household.objects.exists()


def test_the_importer_accepts_every_row_of_the_demo_register(tmp_path, db):
    call_command("seed_demo", "--households", "400", "--seed", "5", "--csv", str(tmp_path))
    create_hubs()
    result = import_registry(tmp_path, actor="test")
    assert result.rejections == []
    assert not result.rolled_back
    households = (tmp_path / "households.csv").read_text().count("\n") - 1
    assert Household.objects.count() == households == 400
    assert Member.objects.count() == (tmp_path / "members.csv").read_text().count("\n") - 1
    assert IseeDeclaration.objects.count() == (
        (tmp_path / "isee.csv").read_text().count("\n") - 1)
