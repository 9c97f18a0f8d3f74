"""Pages every visitor can reach: privacy notice and accessibility statement; the service worker
and its offline page; the audit trail for auditors (search, sentences, CSV export); the
language switch and the page for a form that had expired (CSRF). The home page gathers several
domains: it lives in the portal (casa/portal)."""

import hashlib
import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import audit_search, audit_sentences, drafts, languages
from .access import PUBLIC, allow, public, readable_events, view_access
from .spreadsheet import csv_writer


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


# --- The installable app ---------------------------------------------------------------------

# What the service worker keeps: the offline page and the static files it shows with. Static
# files only, never a page with someone's data: pages, the API and downloads always come from
# the network (docs/architecture.md, "The installable app").
OFFLINE_STATIC = [
    "vendor/bootstrap-italia/css/bootstrap-italia.casa.min.css",
    "casa/fonts.css",
    "casa/casa.css",
    "casa/icons/icon.svg",
    "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-regular.casa.woff2",
    "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-600.casa.woff2",
    "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-700.casa.woff2",
]


def offline_page():
    """The offline page, the same for everyone (no request: no user, no CSRF token)."""
    return render_to_string("core/offline.html")


@public
@require_GET
def offline(request):
    return HttpResponse(offline_page())


@public
@require_GET
def service_worker(request):
    """/sw.js. Its version changes with the offline page and the static files' hashed names,
    so that a new release replaces the worker and its cache."""
    precache = [staticfiles_storage.url(name) for name in OFFLINE_STATIC]
    offline_url = reverse("core:offline")
    version = hashlib.sha256("\n".join([*precache, offline_page()]).encode()).hexdigest()[:12]
    response = render(request, "core/sw.js", {
        "version": version,
        "offline_url": json.dumps(offline_url),
        "precache": json.dumps(precache),
        "static_prefix": json.dumps(settings.STATIC_URL),
    }, content_type="text/javascript; charset=utf-8")
    # Browsers check a worker for updates past the HTTP cache anyway; proxies must not keep
    # an old one.
    response["Cache-Control"] = "no-cache"
    return response


@allow("core.view_audit_trail")
def audit_trail(request):
    """The trail, searched: events in words, repeated views grouped (on this page only: the
    pages count events, so a run of views cut by a page boundary shows on both pages)."""
    form = audit_search.AuditSearchForm(request.GET)
    context = {"form": form, "staff_choices": audit_search.staff_choices(),
               "query_string": _query_string(request)}
    if not form.is_valid():
        return render(request, "core/audit_trail.html", context)
    paginator = audit_search.CappedPaginator(readable_events(request.user, form.events()),
                                            settings.CASA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    events = list(page.object_list)
    # Written after reading, so that the page does not list its own reading.
    audit_search.record_search(actor=request.user, filters=form.filters(), kind="search",
                               page=page.number, found=paginator.count, more=paginator.capped)
    rows = audit_sentences.rows(events)
    for row in rows:
        row.subject_link = (audit_search.subject_link(row.event.subject)
                            if row.event.subject else None)
        builder = audit_sentences.sentences_for(row.event.target_type)
        row.record_type, row.code = builder.type_name(), builder.code(row.event)
    context.update(page=page, rows=rows, filtered=bool(form.filters()),
                   group_minutes=int(audit_sentences.VIEW_GROUP_WINDOW.total_seconds() // 60))
    return render(request, "core/audit_trail.html", context)


def _query_string(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class _Echo:
    def write(self, value):
        return value


@allow("core.view_audit_trail")
def audit_export(request):
    """The same search as CSV, one row per event (no grouping), streamed in chunks: constant
    memory however many events match. The export is itself an audit event, and lists the
    events before it."""
    form = audit_search.AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "core/audit_trail.html", {
            "form": form, "staff_choices": audit_search.staff_choices(),
            "query_string": _query_string(request)}, status=400)
    export = audit_search.record_search(actor=request.user, filters=form.filters(),
                                        kind="export")
    events = readable_events(request.user, form.events()).filter(pk__lt=export.pk)
    language = translation.get_language()

    def lines():
        # The response is iterated after the view returns: keep the reader's language.
        with translation.override(language):
            writer = csv_writer(_Echo(), lineterminator="\n")
            yield writer.writerow(audit_csv_header())
            for event in audit_search.in_chunks(events):
                yield writer.writerow(audit_csv_row(event))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"audit-trail-{timezone.localtime():%Y-%m-%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def audit_csv_header():
    return [_("When (Italian time)"), _("Who"), _("Role"), _("What happened"),
            _("Record type"), _("Record"), _("Description"), _("Subject"),
            _("Event"), _("Changes (as recorded)"), _("Note")]


def audit_csv_row(event):
    actor = event.actor
    # Some values are typed by anyone (the login of a failed login): csv_writer writes those
    # that a spreadsheet would run as text.
    return [
        audit_sentences.local_date_time(event.at),
        event.actor_label,
        actor.get_role_display() if actor is not None else "",
        audit_sentences.action_label(event.action),
        audit_sentences.type_name(event.target_type),
        event.target_id,
        event.target_repr,
        event.subject,
        audit_sentences.sentence(event),
        json.dumps(event.changes, ensure_ascii=False, sort_keys=True) if event.changes else "",
        event.note,
    ]


def _language_asked(request):
    """The language the button asked for, when the person may read pages in it (staff:
    Italian and English); else None."""
    asked = request.GET.get("language") or request.POST.get("language", "")
    language = languages.allowed(asked, request.user)
    if language is None or language != asked or not check_for_language(language):
        return None
    return language


def _switch_to(request, response, language, *, remember):
    """The browser keeps `language` (the cookie); with `remember`, a logged-in person's
    account too (accounts saves it: languages.language_chosen). Only a request the person
    surely made may remember: a forged one could otherwise change their messages' language."""
    drafts.set_language_cookie(response, language)
    if remember and request.user.is_authenticated:
        languages.language_chosen.send(sender=None, user=request.user, language=language)


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


@public
@require_http_methods(["GET", "POST"])
def switch_language(request):
    """The header's language buttons. A plain switch posts `language` and `next`; on a page
    whose form opted in (casa/core/drafts.py) the buttons submit that form here, with a signed
    note in the query: what was typed is kept as a draft for the page, then back to it."""
    note = drafts.read_note(request.GET.get("draft"))
    if note is not None and note.get("method") == "post":
        target = note["path"]
    else:
        note = None
        target = (_same_origin(request, request.POST.get("next"))
                  or _same_origin(request, request.headers.get("referer")) or "/")
    response = redirect(target)
    language = _language_asked(request)
    if request.method == "POST" and language:
        if note is not None:
            drafts.keep_draft(request, note)
        _switch_to(request, response, language, remember=True)  # CSRF-checked
    return response


@public
@csrf_exempt  # A GET form has no token: the typed values go back into its address.
@require_http_methods(["GET", "POST"])
def switch_language_get_form(request):
    """The language buttons on a page whose GET form (a search) opted in: the language, then
    the page again with what was typed in its query string. A forged request can at most
    change the language of this browser, as a link could show the page with any query; only
    a note made for the logged-in person (signed, it cannot be forged) saves it on their
    account."""
    note = drafts.read_note(request.GET.get("draft"))
    if request.method != "POST" or note is None or note.get("method") != "get":
        return redirect(_same_origin(request, request.headers.get("referer")) or "/")
    query = drafts.query_of(request, note)
    response = redirect(note["key"] + (f"?{query}" if query else ""))
    language = _language_asked(request)
    if language:
        _switch_to(request, response, language, remember=drafts.note_is_for(request, note))
    return response


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
        messages.warning(request, _("Too much time passed and you were logged out. Log in again. "
                                    "Nothing was saved."))
        target = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': back})}"
    else:
        messages.warning(request, _("The page was open for too long. Nothing was saved. Please "
                                    "send the form again."))
        target = back
    if request.headers.get("HX-Request"):
        # htmx would swap the redirected page into a fragment: make it load the page.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)
