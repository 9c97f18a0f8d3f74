"""Documents sent with an answer to a request for information: a PDF, or a photo of a paper
(JPEG or PNG). The type is read from the content, not the name; the size is limited; photos are
re-encoded without their metadata; every file goes through the virus scanner interface
(casa.core.scanning) and is stored through Django's storage API under a private path, served
only by a view that checks who may see the application."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from casa.core.scanning import scan

from .models import Attachment

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_FILES = 5
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"


def sniff(head: bytes) -> str | None:
    """The type of a file from its first bytes, or None when it is not one we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _reencode(data: bytes, content_type: str) -> bytes:
    """A photo re-encoded upright and without metadata (EXIF, GPS); ValidationError when it is
    broken or too large in pixels (a decompression bomb)."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This photo is too large: take it again with a lower "
                                        "resolution."))
            image.load()
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if content_type == JPEG:
                image.convert("RGB").save(out, format="JPEG", quality=85)
            else:
                image.save(out, format="PNG")
            return out.getvalue()
    except (OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_("This file is not a readable photo: send a PDF or a JPEG or "
                                "PNG photo.")) from None


def check_upload(upload) -> tuple[bytes, str]:
    """(content to store, type) for an uploaded file, or ValidationError with a message the
    sender understands."""
    size = getattr(upload, "size", None)
    limit = getattr(settings, "CASA_ATTACHMENT_MAX_BYTES", MAX_BYTES)
    if size is not None and size > limit:
        raise ValidationError(_("The file %(name)s is larger than %(limit)s MB.") % {
            "name": upload.name, "limit": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("The file %(name)s is larger than %(limit)s MB.") % {
            "name": upload.name, "limit": limit // (1024 * 1024)})
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(_("The file %(name)s is not a PDF or a photo (JPEG, PNG).") % {
            "name": upload.name})
    if content_type != PDF:
        data = _reencode(data, content_type)
    verdict = scan(data)
    if not verdict.clean:
        raise ValidationError(_("The file %(name)s was refused by the virus check.") % {
            "name": upload.name})
    return data, content_type


def store_attachment(*, answer, upload) -> Attachment:
    data, content_type = check_upload(upload)
    extension = {PDF: "pdf", JPEG: "jpg", PNG: "png"}[content_type]
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(answer=answer, original_name=(upload.name or "")[:200],
                            content_type=content_type, size=len(data), sha256=digest)
    attachment.file.save(f"{digest[:16]}.{extension}", ContentFile(data), save=False)
    attachment.save()
    return attachment
