"""Account pages of CASA's own around allauth's: the Django admin's login, which is allauth's
login page."""

from allauth.account.utils import get_next_redirect_url
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casa.core.access import public


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
