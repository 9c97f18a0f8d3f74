"""The demo register generator gives the same files for the same seed."""

import filecmp

from casa.registry.demo import FILES, write_register_csv


def test_the_same_seed_writes_byte_identical_files(tmp_path):
    first = write_register_csv(tmp_path / "a", households=500, seed=7)
    second = write_register_csv(tmp_path / "b", households=500, seed=7)
    assert first == second
    for name in FILES:
        assert filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False), name


def test_another_seed_writes_another_register(tmp_path):
    write_register_csv(tmp_path / "a", households=200, seed=1)
    write_register_csv(tmp_path / "b", households=200, seed=2)
    assert (tmp_path / "a" / "members.csv").read_bytes() != (
        tmp_path / "b" / "members.csv").read_bytes()


def test_it_writes_the_asked_number_of_households_and_counts_every_row(tmp_path):
    counts = write_register_csv(tmp_path, households=300, seed=3)
    assert counts["households.csv"] == 300
    for name, header in FILES.items():
        lines = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(header)
        assert len(lines) - 1 == counts[name], name
