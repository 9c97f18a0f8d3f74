"""Checking an uploaded file before CASA stores it: a PDF, or a photo of a paper (JPEG or PNG)
(`check_upload`); or a photo of a problem in a report, from the camera or the gallery (JPEG,
PNG, or HEIC from an iPhone, converted), resized with a thumbnail (`check_photo`). The one place
every upload goes through (the energy contribution's answers, the notices' attachments, the
reports' photos). The type is read from the content, not the name; size and pixel count are
limited; photos are turned upright and re-encoded from their pixels alone, so no metadata
(EXIF, GPS, comments, colour profiles) survives; every file goes through the virus scanner
interface (casa.core.scanning). Storing is the caller's: through Django's storage API under a
private path (MEDIA is never served), handed out by a view that checks who may see it."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .scanning import Verdict, scan

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # default of settings.CASA_ATTACHMENT_MAX_BYTES
# More pixels than this in a photo's header is refused before decoding: a small file can
# declare a huge image (a decompression bomb). 40 million is a 7,700 x 5,200 photo.
MAX_PIXELS = 40_000_000
# A photo of a paper needs no more: larger ones are scaled down when re-encoded.
MAX_SIDE = 4000
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
HEIF = "image/heif"  # HEIC from an iPhone; accepted by check_photo only, converted to JPEG
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# What the file input proposes; the server's checks below are the truth.
ACCEPT = ",".join(EXTENSIONS)


def max_bytes() -> int:
    return getattr(settings, "CASA_ATTACHMENT_MAX_BYTES", MAX_BYTES)


# The major brands of an ISO media file ("....ftypheic") that hold a HEIF still image: an
# iPhone writes heic; mif1 and msf1 are the generic ones other phones use.
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff(head: bytes) -> str | None:
    """The type of a file from its first bytes, or None when it is not one we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIF
    return None


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check: the bytes to store (re-encoded for photos)."""

    name: str
    data: bytes
    content_type: str
    verdict: Verdict

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _megabytes(limit):
    return f"{limit / (1024 * 1024):g}"


_strict = threading.Lock()


@contextlib.contextmanager
def _truncated_files_refused():
    """Pillow's decoders raise on a truncated file, whatever ImageFile.LOAD_TRUNCATED_IMAGES
    says: WeasyPrint (the letters' PDFs) sets that flag for the whole process when imported,
    and a broken photo would then pass, padded with grey. The flag is one global, so it is
    switched off under a lock for our decoding only, then given back."""
    from PIL import ImageFile

    with _strict:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


# Pillow's name for each type we decode: Image.open tries that decoder alone, the one the
# content was sniffed as.
PIL_FORMATS = {JPEG: "JPEG", PNG: "PNG", HEIF: "HEIF"}


def _clean_image(data: bytes, content_type: str, *, max_side: int, keep_alpha: bool,
                 unreadable: ValidationError, too_many_pixels: ValidationError):
    """A photo (PIL Image) turned upright (its EXIF orientation applied), scaled to at most
    max_side pixels a side, and rebuilt from its pixels alone: a new image carries none of the
    original's metadata. ValidationError when it is broken or declares too many pixels."""
    from PIL import Image, ImageOps

    try:
        with _truncated_files_refused(), \
                Image.open(io.BytesIO(data), formats=[PIL_FORMATS[content_type]]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise too_many_pixels
            if content_type == JPEG:
                image.draft("RGB", (max_side, max_side))  # decode big photos at a lower scale
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((max_side, max_side))
            grey = upright.mode in ("L", "LA")  # a grey scan stays grey
            alpha = keep_alpha and ("A" in upright.getbands() or "transparency" in upright.info)
            mode = ("L" if grey else "RGB") + ("A" if alpha else "")
            pixels = upright.convert(mode)
            return Image.frombytes(mode, pixels.size, pixels.tobytes())
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, at twice its limit
        raise too_many_pixels from None
    except (OSError, SyntaxError, ValueError, RuntimeError):  # RuntimeError: libheif's
        raise unreadable from None


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(_("The photo %(name)s has too many pixels: take it again at a lower "
                             "resolution.") % {"name": name})


def _reencode(data: bytes, content_type: str, name: str) -> bytes:
    """A photo of a paper upright, at most MAX_SIDE pixels a side, re-encoded in its own type
    (a PNG keeps its transparency) from its pixels alone."""
    clean = _clean_image(
        data, content_type, max_side=MAX_SIDE, keep_alpha=content_type == PNG,
        unreadable=ValidationError(_("We cannot open the file %(name)s. Send a PDF, or a JPEG or "
                                     "PNG photo.") % {"name": name}),
        too_many_pixels=_too_many_pixels(name))
    out = io.BytesIO()
    if content_type == JPEG:
        clean.save(out, format="JPEG", quality=85, optimize=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _name(upload) -> str:
    return (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:200]


def _read(upload, limit: int, too_large: ValidationError, name: str) -> bytes:
    """The upload's bytes, refused as soon as it is known to be over `limit`: from its declared
    size before reading anything, else after reading at most limit + 1 bytes."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise too_large
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    return data


def _scanned(data: bytes, name: str) -> Verdict:
    """The virus scanner's verdict on `data`; ValidationError unless it is clean (fail closed:
    a file that could not be checked is refused too)."""
    verdict = scan(data)
    if not verdict.clean:
        logger.warning("upload %r refused by the virus scanner: %s", name, verdict.detail)
        if verdict.scanned:
            raise ValidationError(_("The file %(name)s was refused: the virus check found a "
                                    "threat in it.") % {"name": name})
        raise ValidationError(_("The file %(name)s could not be checked for viruses just now: "
                                "try again later.") % {"name": name})
    return verdict


def check_upload(upload) -> CheckedFile:
    """One uploaded file checked: size, type by content, pixels (photos), virus scan. Raises
    ValidationError with one message, naming the file, that the sender understands."""
    name = _name(upload)
    limit = max_bytes()
    too_large = ValidationError(_("The file %(name)s is larger than %(limit)s MB: send a "
                                  "smaller one, or a photo of each page.") % {
        "name": name, "limit": _megabytes(limit)})
    data = _read(upload, limit, too_large, name)
    content_type = sniff(data[:16])
    if content_type not in EXTENSIONS:
        raise ValidationError(_("The file %(name)s is not a PDF or a photo (JPEG, PNG): send "
                                "one of those.") % {"name": name})
    if content_type != PDF:
        data = _reencode(data, content_type, name)
    verdict = _scanned(data, name)
    return CheckedFile(name=name, data=data, content_type=content_type, verdict=verdict)


# Photos of a problem in a report (issue 10), from a phone's camera or gallery.
PHOTO_MAX_BYTES = 20 * 1024 * 1024  # default of settings.CASA_PHOTO_MAX_BYTES
PHOTO_MAX_SIDE = 2048  # enough to see a crack or a stain; a phone's 4,032 px halved
THUMBNAIL_MAX_SIDE = 400
# What the photo input proposes (image/* lets a phone offer the camera and the gallery).
PHOTO_ACCEPT = "image/*,.heic,.heif"


def photo_max_bytes() -> int:
    return getattr(settings, "CASA_PHOTO_MAX_BYTES", PHOTO_MAX_BYTES)


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo that passed every check, ready to store: `data` is always a JPEG (HEIC and PNG
    are converted), upright, at most PHOTO_MAX_SIDE pixels a side (`width` x `height`), with no
    metadata; `thumbnail` a JPEG of at most THUMBNAIL_MAX_SIDE a side; `sent_as` the type the
    file came in (image/jpeg, image/png or image/heif); `verdict` the scanner's on the file as
    it was received."""

    name: str
    data: bytes
    width: int
    height: int
    thumbnail: bytes
    sent_as: str
    verdict: Verdict
    content_type: str = JPEG
    thumbnail_content_type: str = JPEG

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@functools.cache
def _heif_opener() -> bool:
    """Teach Pillow to open HEIF (pillow-heif's plugin, its wheel bundles libheif); False when
    the library is not installed, and HEIC photos are then refused with how to send them."""
    try:
        import pillow_heif
    except ImportError:  # pragma: no cover - a requirement; refused with a message without it
        logger.error("pillow-heif is not installed: HEIC photos are refused")
        return False
    # Only the main picture: an iPhone's HEIC also holds thumbnails and depth maps.
    pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
    return True


def _flattened(image):
    """A PNG's transparent parts painted white (a photo is stored as JPEG, which has none)."""
    from PIL import Image

    if image.mode not in ("LA", "RGBA"):
        return image
    base = Image.new(image.mode[:-1], image.size, 255 if image.mode == "LA" else "white")
    base.paste(image, mask=image.getchannel("A"))
    return base


def _jpeg(image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def check_photo(upload) -> CheckedPhoto:
    """One photo for a report checked and cleaned: size (CASA_PHOTO_MAX_BYTES, refused before
    reading it all), type by content (JPEG, PNG, HEIC/HEIF; a PDF or anything else is refused),
    virus scan of the file as received, before any decoder reads it, pixels (a decompression
    bomb is refused before decoding), then turned upright, scaled to PHOTO_MAX_SIDE and
    re-encoded as JPEG from its pixels alone, with a thumbnail. Raises ValidationError with one
    message, naming the file, that the sender understands; nothing is written."""
    name = _name(upload)
    limit = photo_max_bytes()
    too_large = ValidationError(_("The photo %(name)s is larger than %(limit)s MB: send a "
                                  "smaller one.") % {"name": name, "limit": _megabytes(limit)})
    data = _read(upload, limit, too_large, name)
    sent_as = sniff(data[:16])
    if sent_as == PDF:
        raise ValidationError(_("The file %(name)s is a PDF: send a photo (JPEG, PNG or HEIC) "
                                "instead.") % {"name": name})
    if sent_as is None:
        raise ValidationError(_("The file %(name)s is not a photo: send a JPEG, PNG or HEIC "
                                "photo, from the camera or the gallery.") % {"name": name})
    verdict = _scanned(data, name)
    if sent_as == HEIF:
        unreadable = ValidationError(_(
            "We cannot open the photo %(name)s, taken with an iPhone (HEIC). Send it again as "
            "JPEG: on the iPhone, go to Settings > Camera > Formats > Most Compatible. Or send a "
            "screenshot of the photo.") % {"name": name})
        if not _heif_opener():
            raise unreadable
    else:
        unreadable = ValidationError(_("We cannot open the file %(name)s: it may be damaged or "
                                       "incomplete. Send it again, or take another "
                                       "photo.") % {"name": name})
    clean = _flattened(_clean_image(data, sent_as, max_side=PHOTO_MAX_SIDE,
                                    keep_alpha=sent_as == PNG, unreadable=unreadable,
                                    too_many_pixels=_too_many_pixels(name)))
    thumbnail = clean.copy()
    thumbnail.thumbnail((THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE))
    return CheckedPhoto(name=name, data=_jpeg(clean, 85), width=clean.width,
                        height=clean.height, thumbnail=_jpeg(thumbnail, 80), sent_as=sent_as,
                        verdict=verdict)


@contextlib.contextmanager
def removed_on_rollback(storage):
    """Wrap a transaction that stores checked files in `storage`: yields a list to which the
    caller appends the names it writes, and deletes those files if the block raises (the
    transaction was rolled back, so no row points to them)."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
