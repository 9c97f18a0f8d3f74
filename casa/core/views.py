"""Pages every visitor can reach: privacy notice and accessibility statement; and the audit trail
for auditors. The home page gathers several domains: it lives in the portal (casa/portal)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from .access import allow, public, readable_events
from .models import AuditEvent


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


@allow("core.view_audit_trail")
def audit_trail(request):
    events = readable_events(request.user, AuditEvent.objects.select_related("actor"))
    subject = request.GET.get("subject", "").strip()
    if subject:
        events = events.filter(subject=subject)
    page = Paginator(events, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_trail.html", {"page": page, "subject": subject})
