"""Documents of an application, served only to those who may see it: the files sent with the
answers (tenants: their own household's; staff: the households in their scope), and the signed
form of an application made at the desk. Always as downloads with their stored type; MEDIA is
never served by URL. Staff reads go into the audit trail."""

from django.http import FileResponse, Http404, HttpResponse

from casa.accounts.models import Role
from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record
from casa.registry.access import visible_households

from ..assisted_form import application_context, render_form
from ..attachments import EXTENSIONS
from ..models import Attachment, Channel
from .common import application_or_404


def _download_name(attachment):
    """The sender's file name with the extension of the type found in the content."""
    stem = attachment.original_name.rsplit(".", 1)[0] or f"document-{attachment.pk}"
    return f"{stem}.{EXTENSIONS.get(attachment.content_type, 'bin')}"


@allow("energy.view_attachments")
def attachment(request, pk):
    found = (Attachment.objects.select_related("answer__application__household")
             .filter(pk=pk,
                     answer__application__household__in=visible_households(request.user))
             .first())
    if found is None:
        raise Http404
    try:
        stored = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if request.user.role != Role.TENANT:
        audit_record(actor=request.user, action=AuditAction.VIEW,
                     target=found.answer.application, changes={"attachment": found.pk},
                     note=f"attachment {found.sha256[:16]}")
    response = FileResponse(stored, as_attachment=True, filename=_download_name(found),
                            content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def form_response(pdf, name):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@allow("energy.view_applications")
def assisted_form(request, protocol):
    """The form of an application made at the desk, as filed, to print and sign again."""
    application = application_or_404(request.user, protocol)
    if application.channel != Channel.ASSISTED:
        raise Http404
    pdf = render_form(application_context, application)
    audit_record(actor=request.user, action=AuditAction.VIEW, target=application,
                 changes={"document": "assisted_form"}, note="signed form")
    return form_response(pdf, f"domanda-assistita-{application.protocol}.pdf")
