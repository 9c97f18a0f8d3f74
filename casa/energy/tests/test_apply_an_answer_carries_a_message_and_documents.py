"""The tenant answers a request for information from their application page with a message, a
PDF and a photo of a paper: the answer and its documents are kept with the request they
answer, the photo is stored upright and without its metadata (GPS, camera, comments), and the
application is back under review."""

import io

from PIL import Image

from casa.energy.models import ApplicationStatus, Attachment, InformationAnswer

from .answer_helpers import asked, pdf, photo, status_url
from .backoffice import login


def test_the_tenant_answers_with_a_message_a_pdf_and_a_photo(client, register, make_user,
                                                             media_root):
    application, tenant, officer = asked(register, make_user, message="Send your payslip.")
    login(client, tenant)

    page = client.get(status_url()).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="application/pdf,image/jpeg,image/png"' in page
    assert "multiple" in page and 'capture="environment"' in page
    assert '<label for="id_text"' in page and '<label for="id_attachments"' in page

    response = client.post(status_url(), {
        "action": "answer", "text": "Here is my payslip of October.",
        "attachments": [pdf("isee.pdf"), photo("payslip.jpg")]}, follow=True)

    assert "We received your answer" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    answer = InformationAnswer.objects.get(application=application)
    assert answer.text == "Here is my payslip of October."
    assert answer.answered_by == tenant
    assert answer.request.reason == "Send your payslip."
    first, second = Attachment.objects.filter(answer=answer).order_by("id")
    assert (first.original_name, first.content_type) == ("isee.pdf", "application/pdf")
    assert (second.original_name, second.content_type) == ("payslip.jpg", "image/jpeg")
    assert first.file.name.startswith("energy/attachments/")
    assert (media_root / first.file.name).is_file()
    change = application.status_changes.get(to_status="under_review")
    assert change.details["attachments"] == 2 and change.on_behalf_of is None


def test_a_photo_is_stored_upright_and_without_its_metadata(client, register, make_user):
    application, tenant, officer = asked(register, make_user)
    login(client, tenant)

    client.post(status_url(), {"action": "answer",
                               "attachments": [photo("sideways.jpg", size=(40, 20))]})

    stored = Attachment.objects.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    assert image.size == (20, 40)  # turned as the EXIF orientation said
    assert not image.getexif()  # no GPS, no camera, no orientation left
    assert "exif" not in image.info and "comment" not in image.info
    assert b"PhoneMaker" not in data and b"taken at home" not in data
    assert stored.size == len(data)


def test_a_png_is_stored_without_its_metadata(client, register, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .answer_helpers import photo_bytes

    application, tenant, officer = asked(register, make_user)
    login(client, tenant)
    upload = SimpleUploadedFile("scan.png", photo_bytes(fmt="PNG"), content_type="image/png")

    client.post(status_url(), {"action": "answer", "attachments": [upload]})

    stored = Attachment.objects.get()
    assert stored.content_type == "image/png"
    with stored.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.size == (20, 40)
    assert not image.getexif()
