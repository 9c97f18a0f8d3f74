"""A report's photos (issue 10) go through check_photo: JPEG, PNG and iPhone HEIC are taken, by
their content, and come out as an upright JPEG of at most 2,048 pixels a side with a 400-pixel
thumbnail and no metadata at all (no EXIF, no GPS); a PDF, a non-image named .jpg, a truncated
JPEG, a decompression bomb, a photo over the size limit (refused before it is read whole) and a
file the virus scanner refuses each get a message naming the file, in Italian and English."""

import hashlib
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFile

from casa.core.scanning import Verdict
from casa.core.uploads import HEIF, JPEG, PNG, check_photo, check_upload

# GPS coordinates of Via Zamagna, Milan, as a phone writes them into a photo's EXIF.
GPS = {1: "N", 2: (45.0, 28.0, 30.0), 3: "E", 4: (9.0, 8.0, 40.0)}
RED, WHITE = (200, 0, 0), (255, 255, 255)


def phone_exif(orientation=6):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    return exif


def sideways(size=(40, 20)):
    """A picture as a phone's sensor holds it: its top (red) on the left, so EXIF orientation 6
    (turn 90 degrees clockwise) puts it upright, red on top."""
    image = Image.new("RGB", size, "white")
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def jpeg_bytes(image, **kwargs):
    out = io.BytesIO()
    image.save(out, format="JPEG", **kwargs)
    return out.getvalue()


def heic_bytes(image, **kwargs):
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    image.save(out, format="HEIF", **kwargs)
    return out.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header declares width x height pixels: a decompression bomb's shape."""
    def chunk(kind, data):
        return (struct.pack("!I", len(data)) + kind + data
                + struct.pack("!I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack("!IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


@pytest.fixture
def weasyprint_loaded(monkeypatch):
    """As in a process that has rendered a letter: importing WeasyPrint sets Pillow's
    LOAD_TRUNCATED_IMAGES for the whole process (set again here in case it stops doing so)."""
    import weasyprint.images  # noqa: F401

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


def refused(upload):
    with pytest.raises(ValidationError) as error:
        check_photo(upload)
    [message] = error.value.messages
    return message


def opened(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(data):
    image = opened(data)
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert "comment" not in image.info and "xmp" not in image.info
    assert b"PhoneMaker" not in data and b"Exif" not in data


def assert_upright(image):
    """Red on top, white below: the sideways picture turned as its orientation said."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    top, bottom = rgb.getpixel((width // 2, height // 8)), rgb.getpixel((width // 2,
                                                                        height * 7 // 8))
    assert top[0] > 150 and top[1] < 60, top
    assert min(bottom) > 200, bottom


def test_a_phone_photo_comes_out_upright_with_no_exif_or_gps():
    sent = jpeg_bytes(sideways(), exif=phone_exif(), comment=b"taken at home")
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)  # the GPS is really there

    photo = check_photo(SimpleUploadedFile("IMG_0001.jpg", sent))

    assert (photo.content_type, photo.sent_as) == (JPEG, JPEG)
    assert (photo.width, photo.height) == (20, 40)
    assert_upright(opened(photo.data))
    assert_no_metadata(photo.data)
    assert_no_metadata(photo.thumbnail)
    assert photo.sha256 == hashlib.sha256(photo.data).hexdigest()


def test_an_iphone_heic_photo_is_converted_to_jpeg_without_metadata():
    sent = heic_bytes(sideways((64, 32)), exif=phone_exif().tobytes(), quality=90)
    assert sent[4:12] == b"ftypheic" and b"PhoneMaker" in sent

    photo = check_photo(SimpleUploadedFile("IMG_0002.HEIC", sent))

    assert (photo.content_type, photo.sent_as) == (JPEG, HEIF)
    assert (photo.width, photo.height) == (32, 64)
    assert_upright(opened(photo.data))
    assert_no_metadata(photo.data)
    assert_no_metadata(photo.thumbnail)


def test_a_broken_heic_photo_says_how_to_send_it(english, weasyprint_loaded):
    sent = heic_bytes(Image.effect_noise((256, 256), 60).convert("RGB"))

    message = refused(SimpleUploadedFile("IMG_0003.HEIC", sent[:len(sent) // 2]))

    assert message.startswith("We cannot open the photo IMG_0003.HEIC, taken with an iPhone "
                              "(HEIC). Send it again as JPEG: on the iPhone, go to Settings > "
                              "Camera > Formats > Most Compatible.")


def test_a_multi_picture_jpeg_is_taken_as_its_first_picture():
    """Many phones write MPO (a JPEG followed by more pictures, e.g. a depth map)."""
    out = io.BytesIO()
    sideways((40, 20)).save(out, format="MPO", save_all=True,
                            append_images=[Image.new("RGB", (8, 8), "blue")],
                            exif=phone_exif())
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"

    photo = check_photo(SimpleUploadedFile("IMG_0010.jpg", out.getvalue()))

    assert (photo.width, photo.height) == (20, 40)
    assert_upright(opened(photo.data))
    assert_no_metadata(photo.data)


def test_a_large_photo_is_scaled_to_2048_pixels_with_a_400_pixel_thumbnail():
    photo = check_photo(SimpleUploadedFile("crack.jpg", jpeg_bytes(sideways((5000, 2500)))))

    assert (photo.width, photo.height) == (2048, 1024)
    assert opened(photo.data).size == (2048, 1024)
    thumbnail = opened(photo.thumbnail)
    assert (thumbnail.format, thumbnail.size) == ("JPEG", (400, 200))
    assert photo.thumbnail_content_type == JPEG


def test_a_small_photo_is_not_enlarged_and_its_thumbnail_neither():
    photo = check_photo(SimpleUploadedFile("tap.jpg", jpeg_bytes(sideways((300, 120)),
                                                                 exif=phone_exif(1))))

    assert (photo.width, photo.height) == (300, 120)
    assert opened(photo.thumbnail).size == (300, 120)


def test_a_png_with_transparency_becomes_a_jpeg_on_white():
    image = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (0, 0, 60, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")

    photo = check_photo(SimpleUploadedFile("screenshot.png", out.getvalue()))

    assert (photo.content_type, photo.sent_as) == (JPEG, PNG)
    assert_upright(opened(photo.data))  # red on top, the transparent half white
    assert_no_metadata(photo.data)


def test_a_non_image_named_jpg_is_refused(english):
    message = refused(SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03 a program, not a photo"))

    assert message == ("The file photo.jpg is not a photo: send a JPEG, PNG or HEIC photo, from "
                       "the camera or the gallery.")


def test_a_pdf_is_refused(english):
    message = refused(SimpleUploadedFile("leak.pdf", b"%PDF-1.4\n%%EOF\n"))

    assert message == "The file leak.pdf is a PDF: send a photo (JPEG, PNG or HEIC) instead."


def test_a_truncated_jpeg_is_refused(english, weasyprint_loaded):
    whole = jpeg_bytes(Image.effect_noise((400, 300), 60).convert("RGB"))

    message = refused(SimpleUploadedFile("cut.jpg", whole[:len(whole) // 2]))

    assert message.startswith("We cannot open the file cut.jpg: it may be damaged or "
                              "incomplete.")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # given back to WeasyPrint


def test_a_truncated_jpeg_is_refused_as_a_document_too(english, weasyprint_loaded):
    whole = jpeg_bytes(Image.effect_noise((400, 300), 60).convert("RGB"))

    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("payslip.jpg", whole[:len(whole) // 2]))

    assert error.value.messages == ["We cannot open the file payslip.jpg. Send a PDF, or a "
                                    "JPEG or PNG photo."]


@pytest.mark.parametrize("side", [7000, 20000])  # ours (40 million), and Pillow's own guard
def test_a_decompression_bomb_is_refused_before_decoding(english, side):
    message = refused(SimpleUploadedFile("bomb.png", png_declaring(side, side)))

    assert message == ("The photo bomb.png has too many pixels: take it again at a lower "
                       "resolution.")


class Unreadable(io.BytesIO):
    """An upload that declares its size and fails the test if it is read at all."""

    def __init__(self, name, size):
        super().__init__()
        self.name, self.size = name, size

    def read(self, *args):
        raise AssertionError("a file over the limit was read")


class Counting(io.BytesIO):
    """An upload that does not declare its size (a stream), counting the bytes read."""

    name, size = "IMG_0004.jpg", None

    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_a_40_mb_photo_is_refused_before_it_is_read(english):
    message = refused(Unreadable("IMG_0004.jpg", 40 * 1024 * 1024))

    assert message == "The photo IMG_0004.jpg is larger than 20 MB: send a smaller one."


def test_a_40_mb_photo_of_unknown_size_is_read_only_up_to_the_limit(english):
    upload = Counting(jpeg_bytes(sideways()) + b"\0" * (40 * 1024 * 1024))

    message = refused(upload)

    assert "larger than 20 MB" in message
    assert upload.bytes_read == 20 * 1024 * 1024 + 1


def test_the_photo_limit_is_a_setting(english, settings):
    settings.CASA_PHOTO_MAX_BYTES = 1024 * 1024
    big = jpeg_bytes(Image.effect_noise((1500, 1500), 90).convert("RGB"), quality=100)
    assert len(big) > 1024 * 1024

    assert refused(SimpleUploadedFile("big.jpg", big)) == (
        "The photo big.jpg is larger than 1 MB: send a smaller one.")


def test_an_empty_file_is_refused(english):
    assert refused(SimpleUploadedFile("empty.jpg", b"")) == "The file empty.jpg is empty."


class Infected:
    def scan(self, data):
        return Verdict(clean=False, scanned=True, detail="stream: Eicar-Test-Signature FOUND")


class Unreachable:
    def scan(self, data):
        return Verdict(clean=False, scanned=False, detail="scanner unreachable")


class Recording:
    received = []

    def scan(self, data):
        Recording.received.append(data)
        return Verdict(clean=True, scanned=True, detail="stream: OK")


def test_a_photo_the_virus_scanner_refuses_is_refused(english, settings):
    sent = SimpleUploadedFile("IMG_0005.jpg", jpeg_bytes(sideways()))
    settings.CASA_VIRUS_SCANNER = f"{__name__}.Infected"

    assert refused(sent) == ("The file IMG_0005.jpg was refused: the virus check found a threat "
                             "in it.")

    settings.CASA_VIRUS_SCANNER = f"{__name__}.Unreachable"
    assert refused(sent) == ("The file IMG_0005.jpg could not be checked for viruses just now: "
                             "try again later.")


def test_the_scanner_sees_the_file_as_it_was_sent(settings):
    """Before any decoder reads it: what a scanner can find is an exploit aimed at them."""
    settings.CASA_VIRUS_SCANNER = f"{__name__}.Recording"
    Recording.received = []
    sent = heic_bytes(sideways((64, 32)), exif=phone_exif().tobytes())

    photo = check_photo(SimpleUploadedFile("IMG_0006.HEIC", sent))

    assert Recording.received == [sent]
    assert (photo.verdict.clean, photo.verdict.scanned) == (True, True)


@pytest.mark.parametrize("name, content, italian", [
    ("foto.jpg", b"MZ\x90\x00", "Il file foto.jpg non è una foto. Manda una foto JPEG, PNG o "
                                "HEIC, dalla fotocamera o dalla galleria."),
    ("bolletta.pdf", b"%PDF-1.4\n", "Il file bolletta.pdf è un PDF. Qui serve una foto "
                                    "(JPEG, PNG o HEIC)."),
    ("rotta.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "Non riusciamo ad aprire il file rotta.jpg"),
    ("IMG_0007.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
     "Non riusciamo ad aprire la foto IMG_0007.HEIC, fatta con un iPhone (HEIC)"),
])
def test_the_messages_are_in_italian(name, content, italian):
    with translation.override("it"):
        assert refused(SimpleUploadedFile(name, content)).startswith(italian)


def test_a_40_mb_photo_is_refused_in_italian():
    with translation.override("it"):
        assert refused(Unreadable("IMG_0008.jpg", 40 * 1024 * 1024)) == (
            "La foto IMG_0008.jpg è più grande di 20 MB. Mandane una più piccola.")


def test_check_upload_still_takes_only_pdfs_jpegs_and_pngs(english):
    """The answers' documents and the notices' attachments are unchanged: HEIC is not theirs."""
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("IMG_0009.HEIC", heic_bytes(sideways())))

    assert error.value.messages == ["The file IMG_0009.HEIC is not a PDF or a photo (JPEG, "
                                    "PNG): send one of those."]
    kept = check_upload(SimpleUploadedFile("scan.jpg", jpeg_bytes(sideways((5000, 100)))))
    assert (kept.content_type, opened(kept.data).size) == (JPEG, (4000, 80))
