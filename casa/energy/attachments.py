"""Documents sent with an answer to a request for information: a PDF, or a photo of a paper
(JPEG or PNG), each checked by casa.core.uploads (type by content, size, pixels, photos
re-encoded without metadata, the virus scanner), at most MAX_FILES with one answer. Files are
stored through Django's storage API under a private path (MEDIA is never served) and handed
out only by casa.energy.views.documents, which checks who may see the application.

Checking (`check_uploads`) happens before the answer's transaction; storing
(`store_attachment`) inside it, and `removed_on_rollback` deletes the files written if that
transaction does not commit, so a refused answer leaves no file behind."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from casa.core import uploads
from casa.core.uploads import ACCEPT, EXTENSIONS, MAX_BYTES, CheckedFile, check_upload, max_bytes

from .models import Attachment

__all__ = ["ACCEPT", "EXTENSIONS", "MAX_BYTES", "MAX_FILES", "CheckedFile", "attachment_url",
           "attachments_for", "check_upload", "check_uploads", "max_bytes",
           "removed_on_rollback", "store_attachment"]

MAX_FILES = 5


def check_uploads(uploads) -> list[CheckedFile]:
    """Every uploaded file checked; ValidationError with one message per refused file (so the
    sender learns about all of them at once), or when there are more than MAX_FILES."""
    uploads = list(uploads or ())
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Send at most %(count)s files with one answer.") % {
            "count": MAX_FILES})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def _storage():
    return Attachment._meta.get_field("file").storage


def removed_on_rollback():
    """Wrap a transaction that stores files: yields the list `store_attachment` appends the
    names it writes to, and deletes those files if the block raises (casa.core.uploads)."""
    return uploads.removed_on_rollback(_storage())


def store_attachment(*, answer, checked: CheckedFile, written: list | None = None
                     ) -> Attachment:
    """Save a checked file with its answer, inside the caller's transaction; the stored name is
    appended to `written` (see removed_on_rollback)."""
    digest = checked.sha256
    attachment = Attachment(answer=answer, original_name=checked.name,
                            content_type=checked.content_type, size=len(checked.data),
                            sha256=digest)
    attachment.file.save(f"{digest[:16]}.{EXTENSIONS[checked.content_type]}",
                         ContentFile(checked.data), save=False)
    if written is not None:
        written.append(attachment.file.name)
    attachment.save()
    return attachment


def attachments_for(application):
    """The documents sent with the application's answers, oldest first, with their answer:
    for the review page (each links to `attachment_url`)."""
    return (Attachment.objects.filter(answer__application=application)
            .select_related("answer").order_by("answer__answered_at", "id"))


def attachment_url(attachment) -> str:
    """Where a document is served, to those who may see its application."""
    from django.urls import reverse

    return reverse("energy:attachment", args=[attachment.pk])
