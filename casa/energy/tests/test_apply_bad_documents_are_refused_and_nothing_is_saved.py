"""Documents that are not a PDF or a photo, too large, with too many pixels (a decompression
bomb), or too many of them are refused with a message per file in the tenant's language, and
nothing of the answer is saved: no answer, no document, no file left in storage, no status
change."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casa.energy.applying import application_provide_information
from casa.energy.models import ApplicationStatus, Attachment, InformationAnswer

from .answer_helpers import asked, pdf, photo, png_declaring, status_url, stored_files
from .backoffice import login


def nothing_saved(application, media_root):
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_INFORMATION
    assert not InformationAnswer.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_each_bad_file_gets_its_own_message(client, register, make_user, media_root,
                                            settings):
    settings.CASA_ATTACHMENT_MAX_BYTES = 2048
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)
    fake = SimpleUploadedFile("isee.pdf", b"MZ\x90\x00 not a pdf at all")
    large = pdf("large.pdf", content=b"%PDF-1.4\n" + b"0" * 4096)
    bomb = SimpleUploadedFile("bomb.png", png_declaring(20000, 20000))

    response = client.post(status_url(), {"action": "answer", "text": "Here they are.",
                                           "attachments": [fake, large, bomb, pdf("ok.pdf")]})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your answer was not sent." in html
    assert "The file isee.pdf is not a PDF or a photo (JPEG, PNG)" in html
    assert "The file large.pdf is larger than" in html
    assert "The photo bomb.png has too many pixels" in html
    assert 'aria-describedby="id_attachments-help id_attachments-error"' in html
    assert "choose them again" in html
    assert 'value="Here they are."' in html or "Here they are.</textarea>" in html
    nothing_saved(application, media_root)


def test_the_messages_are_in_the_tenants_language(client, register, make_user, media_root):
    application, tenant, officer = asked(register, make_user)
    login(client, tenant, language="it")

    response = client.post(status_url(), {
        "action": "answer", "attachments": [SimpleUploadedFile("lettera.doc", b"\xd0\xcf\x11")]})

    assert ("Il file lettera.doc non è un PDF e non è una foto (JPEG, PNG)"
            in response.content.decode())
    nothing_saved(application, media_root)


def test_more_than_five_files_are_refused(client, register, make_user, media_root, english):
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)

    response = client.post(status_url(), {
        "action": "answer", "attachments": [pdf(f"page{n}.pdf") for n in range(6)]})

    assert "Send at most 5 files with one answer." in response.content.decode()
    nothing_saved(application, media_root)
    with pytest.raises(ValidationError) as refused:
        application_provide_information(application=application, acting_user=tenant,
                                        attachments=[pdf(f"p{n}.pdf") for n in range(6)])
    assert refused.value.messages == ["Send at most 5 files with one answer."]


def test_files_written_are_removed_when_the_transaction_rolls_back(register, make_user,
                                                                   media_root, english):
    """The tenancy ends between the form and the answer: the rule cannot be worked out, after
    the documents were written. The transaction rolls back and the files go with it."""
    import datetime as dt

    application, tenant, officer = asked(register, make_user)
    household = application.household
    household.tenancy_end = dt.date(2020, 1, 1)
    household.save(update_fields=["tenancy_end"])

    with pytest.raises(ValidationError) as refused:
        application_provide_information(application=application, acting_user=tenant,
                                        text="My documents.",
                                        attachments=[pdf("isee.pdf"), photo("id.jpg")])

    assert "Your rental contract is not active" in str(refused.value)
    nothing_saved(application, media_root)
