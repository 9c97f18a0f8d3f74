"""Account pages of CASA's own around allauth's: the Django admin's login, which is allauth's
login page; the e-mail page, which only tenants use; the re-authentication page, which also
serves accounts without a password (SPID/CIE tenants)."""

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from casa.core.access import AUTHENTICATED, allow, public

from .reauthentication import recent_reauthentication


@public
@never_cache
def admin_login(request, extra_context=None):
    """Replaces the Django admin's login page (casa/urls.py), which bypassed the limits on
    wrong passwords and the second factor: every login, the administrators' included, goes
    through allauth's. An administrator already logged in goes on to the admin; anyone else
    logged in is refused. It never reads a password."""
    next_url = get_next_redirect_url(request) or reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied


def manages_own_email(user):
    """Tenants change their own address; staff addresses are set by administrators."""
    return user.is_tenant and not user.is_staff and not user.is_superuser


def _confirmed_first(request, url_name):
    """An account without a password (SPID/CIE only), which allauth would let through with no
    question: to the re-authentication page, and back to `url_name`, unless it confirmed who it
    is moments ago. None when it may go on."""
    if request.user.has_usable_password() or recent_reauthentication(request) is not None:
        return None
    query = urlencode({REDIRECT_FIELD_NAME: reverse(url_name)})
    return redirect(f"{reverse('account_reauthenticate')}?{query}")


@allow(AUTHENTICATED)
def email(request):
    """allauth's e-mail page (accounts/email/), for tenants only. A tenant's address changes
    once they have confirmed who they are again (ACCOUNT_REAUTHENTICATION_REQUIRED) and typed
    the code sent to the new address (ACCOUNT_CHANGE_EMAIL with codes); the old address is
    told. Staff see who manages theirs.

    allauth asks a tenant with a password for it again before the change. It waives the check
    for an account without a password (a tenant who only logs in with SPID or CIE): CASA does
    not, and sends them to confirm with SPID or CIE before the page even opens."""
    if not manages_own_email(request.user):
        return render(request, "account/email_managed.html", status=403)
    return _confirmed_first(request, "account_email") or allauth_views.email(request)


@allow(AUTHENTICATED)
@never_cache
def password_set(request):
    """allauth's page to set a first password (accounts/password/set/), which a tenant who logs
    in with SPID or CIE reaches: allauth asks nothing before it, and a password set from a
    session left open would be a lasting way in. CASA asks for a fresh SPID/CIE confirmation
    first, as before changing the e-mail."""
    return (_confirmed_first(request, "account_set_password")
            or allauth_views.password_set(request))


@allow(AUTHENTICATED)
@never_cache
def reauthenticate(request):
    """allauth's re-authentication page (accounts/reauthenticate/), where a sensitive change
    sends the person first: the password again, with the SPID/CIE button beside it in a session
    opened with SPID or CIE (account/reauthenticate.html). allauth refuses the page (403) to an
    account with no way to re-authenticate it knows, which a tenant without a password is: they
    get the page with the SPID/CIE button only (casa/spid re-authenticates and returns to
    `next`). Nothing is posted here for them."""
    if get_adapter(request).get_reauthentication_methods(request.user):
        return allauth_views.reauthenticate(request)
    next_url = get_next_redirect_url(request) or ""
    return render(request, "account/reauthenticate.html",
                  {"redirect_field_value": next_url, "redirect_field_name": REDIRECT_FIELD_NAME})


_allauth_logout = allauth_views.LogoutView.as_view()


@public
def logout(request):
    """allauth's logout, which also tells the browser to drop what it cached for CASA
    (`Clear-Site-Data: "cache"`): the HTTP cache and pages kept for the back button. The
    service worker keeps no personal data (casa/core/templates core/sw.js); casa.js also asks
    it to drop anything but its static files when the logout form is sent."""
    response = _allauth_logout(request)
    if request.method == "POST":
        # A session opened with SPID or CIE ends at the identity provider too (single logout):
        # casa/spid leaves the address of its logout here when the session ends.
        single_logout = getattr(request, "casa_logout_redirect", None)
        if single_logout and response.status_code == 302:
            response = redirect(single_logout)
        response["Clear-Site-Data"] = '"cache"'
    return response

