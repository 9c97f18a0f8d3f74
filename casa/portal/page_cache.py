"""The tenant's home, served from a cache that no write can leave stale.

Every request still goes through the tenant's scope (`tenant_household_id`, the ORM's own
query for casa/registry/access.py, run without rebuilding it) and reads the two counts of
changes that database triggers keep (casa/portal/freshness.py). A page is kept under a key made
of the household, the member, the language and those counts, so the first request after any
write renders the page anew, and a page lives CASA_HOME_CACHE_SECONDS at most for what only
time changes.

Not cached: a request with a query string, an htmx request, and one with messages to show (a
booking's confirmation shows once, on a page rendered for it). The CSRF token in a cached page
is a placeholder that each answer fills with the request's own token; the page is kept
compressed around it (casa/core/precompressed.py), so an answer is not compressed anew.
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from casa.core.precompressed import ACCEPTS_GZIP, Precompressed
from casa.registry import selectors as register

from . import freshness

CACHE = "pages"
# Stands for the CSRF token in a cached page. Not secret: a text that contained it would show
# the reader their own token, which the page holds anyway.
TOKEN_SLOT = "casa-csrf-token-slot-5b1f0c"  # noqa: S105 (a placeholder, not a secret)


def cacheable(request) -> bool:
    return (request.method == "GET" and not request.GET
            and not getattr(request, "htmx", False) and not len(get_messages(request)))


def tenant_page(request, name, render):
    """The answer of `render(request, csrf_token=...)` (a tenant's page about their household)
    from the cache when nothing it shows has changed. `render` reads the household itself;
    `csrf_token` is None when the page is not to be cached."""
    household_id = register.tenant_household_id(request.user)
    if household_id is None or not cacheable(request):
        return render(request, csrf_token=None)
    key = ":".join(str(part) for part in (
        name, household_id, request.user.pk, request.LANGUAGE_CODE,
        *freshness.versions(household_id)))
    cache = caches[CACHE]
    page = cache.get(key)
    if page is None:
        # The counts were read before the page's data: a write in between leaves a newer page
        # under older counts, which the next request passes by. Never the other way round.
        response = render(request, csrf_token=TOKEN_SLOT)
        if response.status_code != 200:
            return response
        page = Precompressed(response.content.decode(response.charset), TOKEN_SLOT)
        # The scope once more: a page rendered while the tenant's membership changed (an
        # import moved them) is served this once and never kept under the old household.
        if register.tenant_household_id(request.user) == household_id:
            cache.set(key, page, settings.CASA_HOME_CACHE_SECONDS)
    return answer(request, page)


def answer(request, page):
    """The page with the request's own CSRF token, compressed when the browser takes gzip
    (which GZipMiddleware then leaves alone)."""
    token = get_token(request)
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(page.gzip(token))
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(page.text(token))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
