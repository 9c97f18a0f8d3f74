"""Pages every visitor can reach: home, privacy notice, accessibility statement; and the audit
trail for auditors."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from .access import allow, can, public
from .models import AuditEvent


@public
def home(request):
    user = request.user
    if user.is_authenticated:
        if can(user, "registry.search_households"):
            return redirect("registry:household_search")
        if can(user, "tenant.view_own_household"):
            return redirect("registry:my_home")
    return render(request, "core/home.html")


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


@allow("core.view_audit_trail")
def audit_trail(request):
    events = AuditEvent.objects.select_related("actor")
    subject = request.GET.get("subject", "").strip()
    if subject:
        events = events.filter(subject=subject)
    page = Paginator(events, settings.CASA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_trail.html", {"page": page, "subject": subject})
