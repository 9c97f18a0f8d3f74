"""Checking an uploaded file before CASA stores it: a PDF, or a photo of a paper (JPEG or PNG).
The one place every upload goes through (the energy contribution's answers, the notices'
attachments). The type is read from the content, not the name; size and pixel count are
limited; photos are turned upright and re-encoded from their pixels alone, so no metadata
(EXIF, GPS, comments, colour profiles) survives; every file goes through the virus scanner
interface (casa.core.scanning). Storing is the caller's: through Django's storage API under a
private path (MEDIA is never served), handed out by a view that checks who may see it."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
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
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# What the file input proposes; the server's checks below are the truth.
ACCEPT = ",".join(EXTENSIONS)


def max_bytes() -> int:
    return getattr(settings, "CASA_ATTACHMENT_MAX_BYTES", MAX_BYTES)


def sniff(head: bytes) -> str | None:
    """The type of a file from its first bytes, or None when it is not one we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
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


def _reencode(data: bytes, content_type: str, name: str) -> bytes:
    """A photo turned upright (its EXIF orientation applied), scaled to at most MAX_SIDE
    pixels a side, and re-encoded from its pixels alone: a new image carries none of the
    original's metadata. ValidationError when it is broken or declares too many pixels."""
    from PIL import Image, ImageOps

    unreadable = ValidationError(_("The file %(name)s is not a readable photo: send a PDF or "
                                   "a JPEG or PNG photo.") % {"name": name})
    too_many_pixels = ValidationError(_("The photo %(name)s has too many pixels: take it again "
                                        "at a lower resolution.") % {"name": name})
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise too_many_pixels
            if content_type == JPEG:
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode big photos at a lower scale
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            grey = upright.mode in ("L", "LA")  # a grey scan stays grey
            alpha = content_type == PNG and ("A" in upright.getbands()
                                             or "transparency" in upright.info)
            mode = ("L" if grey else "RGB") + ("A" if alpha else "")
            pixels = upright.convert(mode)
            clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
            out = io.BytesIO()
            if content_type == JPEG:
                clean.save(out, format="JPEG", quality=85, optimize=True)
            else:
                clean.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, at twice its limit
        raise too_many_pixels from None
    except (OSError, SyntaxError, ValueError):
        raise unreadable from None


def check_upload(upload) -> CheckedFile:
    """One uploaded file checked: size, type by content, pixels (photos), virus scan. Raises
    ValidationError with one message, naming the file, that the sender understands."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:200]
    limit = max_bytes()
    too_large = ValidationError(_("The file %(name)s is larger than %(limit)s MB: send a "
                                  "smaller one, or a photo of each page.") % {
        "name": name, "limit": _megabytes(limit)})
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
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(_("The file %(name)s is not a PDF or a photo (JPEG, PNG): send "
                                "one of those.") % {"name": name})
    if content_type != PDF:
        data = _reencode(data, content_type, name)
    verdict = scan(data)
    if not verdict.clean:
        logger.warning("upload %r refused by the virus scanner: %s", name, verdict.detail)
        if verdict.scanned:
            raise ValidationError(_("The file %(name)s was refused: the virus check found a "
                                    "threat in it.") % {"name": name})
        raise ValidationError(_("The file %(name)s could not be checked for viruses just now: "
                                "try again later.") % {"name": name})
    return CheckedFile(name=name, data=data, content_type=content_type, verdict=verdict)


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
