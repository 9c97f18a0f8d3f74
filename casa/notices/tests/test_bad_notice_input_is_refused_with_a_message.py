"""A notice with a missing title or text, no building or an entrance the building does not
have, a window that ends before it starts, or an attachment that is not a PDF or a photo, too
large, or with a virus, is refused with a message next to the field in the user's language,
and nothing is saved: no notice, no file."""

import io
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casa.core.scanning import Verdict
from casa.notices.models import Notice
from casa.registry.models import Building

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def post(client, user, language="en", files=None, **values):
    data = {"title": "Ascensore fermo", "body": "Il tecnico arriva domani.",
            "audience": "everyone", "submission_key": str(uuid.uuid4()), **values}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client.post(reverse("notices:new"), {**data, **(files or {})})


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"title": "  "}, "title", "This field is required."),
    ({"body": ""}, "body", "This field is required."),
    ({"audience": "building"}, "building", "Choose the building."),
    ({"audience": "entrance", "building": "B001", "entrance": "Z"}, "entrance",
     "The register lists no entrance “Z” in this building. Its entrances: A."),
    ({"from_day": "2030-05-10", "until_day": "2030-05-09"}, "until_day",
     "The notice must end after it starts."),
    ({"from_day": "2019-12-01", "until_day": "2020-01-01"}, "until_day",
     "This end is already past"),
    ({"from_time": "10:00"}, "from_day", "Write the day as well as the time."),
    ({"from_day": "10/13/2030"}, "from_day", "Enter a valid date."),
    # The ends of the calendar, where the moment has no UTC time: a message, not a crash.
    ({"until_day": "9999-12-31"}, "until_day", "Enter a valid date."),
    ({"from_day": "0001-01-01"}, "from_day", "Enter a valid date."),
])
def test_bad_values_are_refused_next_to_their_field(client, register, programme_manager,
                                                    values, field, message):
    if "building" in values:
        values["building"] = Building.objects.get(code=values["building"]).pk

    response = post(client, programme_manager, **values)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert "The notice was not published." in response.content.decode()
    assert not Notice.objects.exists()


def test_the_messages_are_in_italian_for_italian_staff(client, register, programme_manager):
    response = post(client, programme_manager, language="it", audience="entrance",
                    building=Building.objects.get(code="B001").pk, entrance="Z")

    assert "Il registro non riporta una scala “Z” in questo edificio" in (
        response.content.decode())
    assert not Notice.objects.exists()


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("orari.pdf", b"MZ\x90\x00 not a pdf"),
     "The file orari.pdf is not a PDF or a photo (JPEG, PNG)"),
    (SimpleUploadedFile("vuoto.pdf", b""), "The submitted file is empty."),
    (SimpleUploadedFile("grande.pdf", PDF + b"0" * 4096), "The file grande.pdf is larger than"),
])
def test_a_bad_attachment_is_refused_and_nothing_is_stored(client, register, settings,
                                                           programme_manager, media_root,
                                                           upload, message):
    settings.CASA_ATTACHMENT_MAX_BYTES = 2048

    response = post(client, programme_manager, files={"attachment": upload})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["attachment"])
    assert not Notice.objects.exists()
    assert stored_files(media_root) == []


class Infected:
    def scan(self, data):
        return Verdict(clean=False, scanned=True, detail="stream: Eicar-Test-Signature FOUND")


def test_an_attachment_with_a_virus_is_refused(client, register, settings, programme_manager,
                                               media_root):
    settings.CASA_VIRUS_SCANNER = f"{__name__}.Infected"

    response = post(client, programme_manager,
                    files={"attachment": SimpleUploadedFile("avviso.pdf", PDF)})

    assert "the virus check found a threat" in " ".join(
        response.context["form"].errors["attachment"])
    assert not Notice.objects.exists()
    assert stored_files(media_root) == []


def test_a_photo_is_stored_without_its_metadata(client, register, programme_manager,
                                                media_root):
    from PIL import Image

    image = Image.new("RGB", (40, 20), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif, comment=b"taken at home")

    response = post(client, programme_manager,
                    files={"attachment": SimpleUploadedFile("foto.jpg", raw.getvalue())})

    assert response.status_code == 302
    notice = Notice.objects.get()
    stored = notice.attachment.read()
    assert notice.attachment_type == "image/jpeg"
    assert b"PhoneMaker" not in stored and b"taken at home" not in stored
    assert str(notice.attachment.path).startswith(str(media_root))
