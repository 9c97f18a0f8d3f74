"""A report's photos, served only to who sees the report in full: its household and the staff
in scope (selectors.sees_in_full); the building's other tenants see the report in public form,
without photos, and get a 404 like anyone outside the scope. Never from a public URL: MEDIA is
not served. Staff reads go into the audit trail."""

from django.http import FileResponse, Http404

from casa.accounts.models import Role
from casa.core.access import allow
from casa.core.audit import AuditAction, audit_record

from . import selectors
from .models import Photo

SIZES = {"photo": "image", "thumbnail": "thumbnail"}


@allow("reports.see_photos")
def photo(request, pk, size):
    found = Photo.objects.select_related("report").filter(pk=pk).first()
    if (found is None or size not in SIZES
            or selectors.visible_report(request.user, found.report_id) is None
            or not selectors.sees_in_full(request.user, found.report)):
        raise Http404
    try:
        stored = getattr(found, SIZES[size]).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if request.user.role != Role.TENANT:
        audit_record(actor=request.user, action=AuditAction.VIEW, target=found.report,
                     changes={"photo": found.pk}, note=f"photo {found.sha256[:16]}")
    response = FileResponse(stored, content_type="image/jpeg",
                            filename=f"{found.report.reference}-{found.pk}.jpg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
