"""The SPID and CIE pages: CASA's metadata, the start of a login, the assertion consumer
service, single logout, and re-authentication. Thin: services.py does the work."""

from allauth.account.utils import get_next_redirect_url
from allauth.core import ratelimit
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casa.core.access import AUTHENTICATED, allow, public

from . import saml, services
from .models import IdentityProvider

# A response waits this long between the identity provider's POST and the browser's GET.
HANDOVER_SECONDS = 120
# AgID's responses are a few KB; anything far larger is not one.
LARGEST_RESPONSE = 64 * 1024


@public
@require_GET
def metadata(request, kind="spid"):
    """CASA's metadata, signed: for SPID (registered with AgID) or CIE ID (with the Ministry
    of the Interior); identity providers read it."""
    return HttpResponse(saml.metadata(kind), content_type="application/samlmetadata+xml")


@public
@require_http_methods(["GET", "POST"])
@never_cache
def login(request):
    """The login button of an identity provider: off to it, with CASA's signed request. A link
    (GET, as AgID's button makes them) or a form; `idp` is the provider's number or entity ID.
    Starting a login changes nothing: only the response to it, in this session, logs in."""
    if limited := ratelimit.consume_or_429(request, action="spid", limit_get=True):
        return limited
    asked = (request.POST if request.method == "POST" else request.GET).get("idp", "")
    number = _int(asked)
    offered = IdentityProvider.objects.offered()
    idp = (offered.filter(pk=number) if number is not None
           else offered.filter(entity_id=asked)).first()
    if idp is None:
        return _refused(request, 400)
    next_url = get_next_redirect_url(request) or ""
    return redirect(services.start(request.session, idp, next_url=next_url))


@allow(AUTHENTICATED)
@require_POST
@never_cache
def reauthenticate(request):
    """Confirm who one is with SPID or CIE again, before a sensitive change (the IBAN, the
    e-mail): the identity provider this session logged in with, asked to authenticate anew."""
    established = request.session.get(services.ESTABLISHED) or {}
    idp = IdentityProvider.objects.offered().filter(entity_id=established.get("idp")).first()
    if idp is None or established.get("user") != request.user.pk:
        return _refused(request, 400)
    next_url = get_next_redirect_url(request) or reverse("portal:home")
    return redirect(services.start(request.session, idp, next_url=next_url,
                                   purpose=services.REAUTHENTICATE))


def _refused(request, status):
    """The page of a login that cannot go on, in the person's language (nothing was changed)."""
    return render(request, "spid/refused.html", status=status)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@public
@csrf_exempt  # the identity provider posts here, from its own site
@require_POST
@never_cache
def acs(request):
    """The identity provider's answer arrives by a cross-site POST, which carries no session
    cookie (SameSite=Lax): it waits a moment in the cache, and the browser comes back for it
    with a plain GET, which carries the cookie."""
    if limited := ratelimit.consume_or_429(request, action="spid", limit_get=True):
        return limited
    response = request.POST.get("SAMLResponse", "")
    if not response or len(response) > LARGEST_RESPONSE:
        return _refused(request, 400)
    token = get_random_string(32)
    cache.set(f"spid:acs:{token}", response, HANDOVER_SECONDS)
    return redirect(f"{reverse('spid:acs_finish')}?t={token}", permanent=False)


@public
@require_GET
@never_cache
def acs_finish(request):
    token = request.GET.get("t", "")
    response = cache.get(f"spid:acs:{token}") if token.isalnum() else None
    if response is None:  # nothing handed over, or read already
        return _refused(request, 400)
    cache.delete(f"spid:acs:{token}")
    try:
        identity, asked = services.read(request.session, response)
    except services.Refused:  # in the audit trail already
        return _refused(request, 403)
    try:
        result = services.log_in(request, identity, asked)
    except services.Refused as refusal:
        template = "spid/refused.html" if refusal.recognised else "spid/not_recognised.html"
        return render(request, template, status=403)
    if result is None:  # a re-authentication: back to the page that asked for it
        return redirect(asked.get("next") or "portal:home")
    return result


@public
@require_GET
@never_cache
def sls(request):
    """Single logout. The identity provider answers CASA's logout request (the session ended
    already), or asks CASA to end the session it opened: CASA does, and answers."""
    if "SAMLResponse" in request.GET:
        return redirect("account_login")
    if "SAMLRequest" not in request.GET:
        return _refused(request, 400)
    url = services.logout_requested(request, request.GET.dict())
    if url is None:
        return _refused(request, 400)
    return redirect(url)
