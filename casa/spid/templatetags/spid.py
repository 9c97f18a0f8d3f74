"""`{% spid_buttons %}`: the login page's "Entra con SPID" and "Entra con CIE", drawn as AgID's
graphic rules ask, from the identity providers the registry offers (models.IdentityProvider).
`{% spid_reauthenticate next %}`: the button that confirms, with SPID or CIE again, who one is
before a sensitive change (the IBAN of a payment, the login e-mail)."""

from django import template

from ..models import IdentityProvider, Kind
from ..services import ESTABLISHED

register = template.Library()

# The logos AgID's button shows (spid-smart-button's, casa/core/static/vendor/spid/), by the
# identity provider's entity ID. A provider without one is listed by its name.
LOGOS = {
    "https://loginspid.aruba.it": "spid-idp-arubaid.svg",
    "https://identity.infocert.it": "spid-idp-infocertid.svg",
    "https://spid.intesa.it": "spid-idp-intesaid.svg",
    "https://id.lepida.it/idp/shibboleth": "spid-idp-lepidaid.svg",
    "https://idp.namirialtsp.com/idp": "spid-idp-namirialid.svg",
    "https://posteid.poste.it": "spid-idp-posteid.svg",
    "https://identity.sieltecloud.it": "spid-idp-sielteid.svg",
    "https://spid.register.it": "spid-idp-spiditalia.svg",
    "https://login.id.tim.it/affwebservices/public/saml2sso": "spid-idp-timid.svg",
}


@register.inclusion_tag("spid/includes/buttons.html", takes_context=True)
def spid_buttons(context):
    """Each button posts to spid:login with the provider and the page's `next`."""
    request = context.get("request")
    next_url = context.get("redirect_field_value") or (
        request.GET.get("next", "") if request is not None else "")
    offered = list(IdentityProvider.objects.offered())
    spid = [(idp, LOGOS.get(idp.entity_id.rstrip("/"))) for idp in offered
            if idp.kind == Kind.SPID]
    # CIE ID is one identity provider: its button posts straight to it.
    cie = next((idp for idp in offered if idp.kind == Kind.CIE), None)
    return {"spid": spid, "cie": cie, "next": next_url, "request": request,
            "csrf_token": context.get("csrf_token"), "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.inclusion_tag("spid/includes/reauthenticate.html", takes_context=True)
def spid_reauthenticate(context, next_url="", intro=""):
    """`{% spid_reauthenticate next %}`: "Confirm with SPID or CIE", a button that posts to
    spid:reauthenticate (back to the identity provider this session logged in with, which
    asks the person to log in anew) and returns to `next`. Only in a session opened with SPID or
    CIE; otherwise nothing, except a word for an account without a password, whose only way to
    confirm is logging in again with SPID or CIE. `intro`: a sentence before the button."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False, "stranded": False}
    established = request.session.get(ESTABLISHED) or {}
    show = established.get("user") == user.pk
    return {"show": show, "stranded": not show and not user.has_usable_password(),
            "next": next_url, "intro": intro, "request": request,
            "csrf_token": context.get("csrf_token")}
