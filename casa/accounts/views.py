"""Account pages of CASA's own around allauth's: the Django admin's login, which is allauth's
login page; the e-mail page, which only tenants use."""

from allauth.account import views as allauth_views
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casa.core.access import AUTHENTICATED, allow, public


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


@allow(AUTHENTICATED)
def email(request):
    """allauth's e-mail page (accounts/email/), for tenants only. A tenant's address changes
    once they have confirmed their password again (ACCOUNT_REAUTHENTICATION_REQUIRED) and typed
    the code sent to the new address (ACCOUNT_CHANGE_EMAIL with codes); the old address is
    told. Staff see who manages theirs."""
    if not manages_own_email(request.user):
        return render(request, "account/email_managed.html", status=403)
    return allauth_views.email(request)


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

