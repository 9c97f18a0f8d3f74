"""Pages every visitor can reach: home, privacy notice, accessibility statement; the audit
trail for auditors; the page for a form that had expired (CSRF)."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .access import PUBLIC, allow, can, public, view_access
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


def _same_origin(request, url):
    """`url` when it is a page of this site (a path, or an absolute URL of this host), as a
    path with its query; else None. Never an external address."""
    if not url or not url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return None
    parts = urlsplit(url)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- An expired form --------------------------------------------------------------------------

def _needs_login(path):
    """Whether the page at `path` is only for logged-in people (a CASA view not @public)."""
    try:
        match = resolve(urlsplit(path).path)
    except Http404:
        return False
    module = getattr(match.func, "__module__", "")
    return module.startswith("casa.") and view_access(match.func) != PUBLIC


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from a page that had expired (an old CSRF token, a
    session that ended, a login in another window). Never Django's bare page: back to the
    form's page (the same-origin Referer), or to the login page when the session expired,
    with a message in the person's language; a page in CASA's layout when there is no
    usable Referer. Nothing the form sent is used."""
    # Django has logged the reason already (django.security.csrf).
    back = _same_origin(request, request.headers.get("referer"))
    user = getattr(request, "user", None)
    anonymous = user is None or not user.is_authenticated
    if back is None:
        return render(request, "core/csrf_failure.html",
                      {"login_url": reverse(settings.LOGIN_URL), "anonymous": anonymous},
                      status=403)
    if anonymous and _needs_login(back):
        messages.warning(request, _("Your session expired: log in again. Nothing was saved."))
        target = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': back})}"
    else:
        messages.warning(request, _("The page had expired: nothing was saved. Please send "
                                    "it again."))
        target = back
    if request.headers.get("HX-Request"):
        # htmx would swap the redirected page into a fragment: make it load the page.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)
