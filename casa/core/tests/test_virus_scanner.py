"""The virus-scanner interface: off by default (files pass, marked as not scanned); with clamd
configured, files are streamed to it and its answer is the verdict; a scanner that cannot be
reached or answers an error refuses the file."""

import pytest

from casa.core.scanning import Clamd, NoScanner, scan, scanner

from .fake_clamd import fake_clamd

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def test_scanning_is_off_by_default(settings):
    settings.CASA_VIRUS_SCANNER = ""

    verdict = scan(EICAR)

    assert isinstance(scanner(), NoScanner)
    assert (verdict.clean, verdict.scanned) == (True, False)


def test_clamd_over_a_unix_socket_passes_a_clean_file_and_refuses_eicar(settings, tmp_path):
    with fake_clamd(unix_path=tmp_path / "clamd.sock") as (address, received):
        settings.CASA_VIRUS_SCANNER = "casa.core.scanning.Clamd"
        settings.CASA_CLAMD_ADDRESS = address
        clean = scan(b"%PDF-1.4 a letter" * 10_000)  # several INSTREAM chunks
        infected = scan(b"%PDF-1.4\n" + EICAR)

    assert (clean.clean, clean.scanned, clean.detail) == (True, True, "stream: OK")
    assert (infected.clean, infected.infected) == (False, True)
    assert infected.detail == "stream: Eicar-Signature FOUND"
    assert received[0] == b"%PDF-1.4 a letter" * 10_000


def test_clamd_over_tcp(tmp_path):
    with fake_clamd() as (address, received):
        verdict = Clamd(address=address).scan(b"hello")

    assert verdict.clean and verdict.scanned
    assert received == [b"hello"]


@pytest.mark.parametrize("address", ["127.0.0.1:1", "/nonexistent/clamd.sock", ""])
def test_a_scanner_that_cannot_be_reached_refuses_the_file(address):
    verdict = Clamd(address=address, timeout=2).scan(b"hello")

    assert (verdict.clean, verdict.scanned, verdict.infected) == (False, False, False)
