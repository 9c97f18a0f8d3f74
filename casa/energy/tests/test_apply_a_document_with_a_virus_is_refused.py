"""With clamd configured (CASA_VIRUS_SCANNER), every document of an answer is streamed to it
before it is stored: one it finds a virus in is refused with a message and nothing is saved; a
clean one is stored; when the scanner is down, the file is refused too (fail closed)."""

from casa.core.tests.fake_clamd import fake_clamd
from casa.energy.models import ApplicationStatus, Attachment

from .answer_helpers import EICAR, PDF_BYTES, asked, pdf, status_url, stored_files
from .backoffice import login


def test_an_infected_pdf_is_refused_and_a_clean_one_is_stored(client, register, make_user,
                                                               settings, tmp_path, media_root):
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)
    settings.CASA_VIRUS_SCANNER = "casa.core.scanning.Clamd"

    with fake_clamd(unix_path=tmp_path / "clamd.sock") as (address, received):
        settings.CASA_CLAMD_ADDRESS = address
        refused = client.post(status_url(), {
            "action": "answer", "attachments": [pdf("isee.pdf", PDF_BYTES + EICAR)]})
        assert "The file isee.pdf was refused: the virus check found a threat in it." in (
            refused.content.decode())
        assert stored_files(media_root) == []
        application.refresh_from_db()
        assert application.status == ApplicationStatus.NEEDS_INFORMATION

        client.post(status_url(), {"action": "answer", "attachments": [pdf("isee.pdf")]})

    assert received == [PDF_BYTES + EICAR, PDF_BYTES]
    assert Attachment.objects.get().original_name == "isee.pdf"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert application.status_changes.get(to_status="under_review").details["scanned"] is True


def test_when_the_scanner_is_down_the_file_is_refused(client, register, make_user, settings,
                                                      tmp_path, media_root):
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)
    settings.CASA_VIRUS_SCANNER = "casa.core.scanning.Clamd"
    settings.CASA_CLAMD_ADDRESS = str(tmp_path / "nobody-listens.sock")

    response = client.post(status_url(), {"action": "answer", "attachments": [pdf()]})

    assert "could not be checked for viruses just now: try again later" in (
        response.content.decode())
    assert not Attachment.objects.exists() and stored_files(media_root) == []
