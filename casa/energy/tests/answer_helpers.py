"""Helpers for the tests of answers to requests for information: an application waiting for
information (built through the real services), and files as a phone would send them."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_request_information
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from conftest import FISCAL_CODES

from .backoffice import give

# A minimal PDF: what sniffing looks at is the "%PDF-" header.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n"
             b"%%EOF\n")
# The EICAR test string: every scanner reports it, and it harms nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# GPS coordinates of Via Zamagna, Milan, as a phone writes them into a photo's EXIF.
GPS = {1: "N", 2: (45.0, 28.0, 30.0), 3: "E", 4: (9.0, 8.0, 40.0)}


def asked(register, make_user, *, code="H001", tenant_code=0, message="Send the ISEE.",
          submitter=None):
    """(application, tenant, officer): the household applied online today, and an officer asked
    it for information."""
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"][code]
    give(household, isee="12000.00", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[tenant_code])
    iban = "IT60X0542811101000000123456" if code == "H002" else ""
    application = application_submit(
        call=call, household=household, channel="online", declarations=DECLARATION_CODES,
        acting_user=submitter or tenant, iban=iban,
        iban_holder=FISCAL_CODES[tenant_code] if iban else "")
    officer = make_user("benefit_officer")
    application_request_information(application=application, message=message,
                                    acting_user=officer)
    application.refresh_from_db()
    return application, tenant, officer


def status_url():
    return reverse("energy:my_application", args=[DEMO_CALL_CODE])


def pdf(name="isee.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def photo_bytes(*, size=(40, 20), orientation=6, fmt="JPEG"):
    """A photo as a phone takes it: turned sideways in its pixels with an EXIF orientation to
    put it upright, the camera's model, GPS coordinates and a comment."""
    from PIL import Image

    image = Image.new("RGB", size, "white")
    image.paste((200, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, format="JPEG", exif=exif, comment=b"taken at home")
    else:
        image.save(out, format="PNG", exif=exif)
    return out.getvalue()


def photo(name="payslip.jpg", **kwargs):
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


def png_declaring(width, height):
    """A tiny PNG whose header declares width x height pixels: a decompression bomb's shape."""
    def chunk(kind, data):
        return (struct.pack("!I", len(data)) + kind + data
                + struct.pack("!I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack("!IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())
