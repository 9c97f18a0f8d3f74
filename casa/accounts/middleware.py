"""Staff pass a second factor (TOTP) in every session before they use the back office.

Having enrolled an authenticator is not enough: the session must have passed it, as allauth
records in the session's authentication records (method "mfa": the code at login, or later on
the second-factor page). A session that logged in with the password alone, however it got it,
is sent to the second-factor page from every page, the API and the admin.

A login with SPID or CIE at level 2 or higher is already two factors (the identity provider's
password and its one-time code or card): its record (method NATIONAL_IDENTITY, written by
casa/spid) counts as the second factor, here and at allauth's login stage (stages.py).
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

# Pages nobody needs a second factor for.
OPEN_PREFIXES = ("/static/", "/i18n/", "/privacy/", "/accessibility/")
# What a staff member may do before setting up an authenticator: set it up (allauth asks for
# the password first) or log out.
ENROLMENT_PAGES = {"mfa_activate_totp", "account_reauthenticate", "account_logout"}
# What a session that has not passed its authenticator may do: pass it, or log out.
SECOND_FACTOR_PAGES = {"mfa_reauthenticate", "account_logout"}


def needs_second_factor(user):
    return user.is_authenticated and (user.is_casa_staff or user.is_staff or user.is_superuser)


# The method of the session record a SPID or CIE login writes, and the level that counts as two
# factors (SPID's level 2: password and one-time code; CIE: the card and its PIN).
NATIONAL_IDENTITY = "spid"
TWO_FACTOR_LEVEL = 2


def counts_as_second_factor(record):
    if record.get("method") == "mfa":
        return True
    return (record.get("method") == NATIONAL_IDENTITY
            and isinstance(record.get("level"), int) and record["level"] >= TWO_FACTOR_LEVEL)


def passed_second_factor(request, user):
    """Whether this session passed an authenticator (allauth.mfa's record), or logged in with
    SPID or CIE at level 2 or higher."""
    return any(counts_as_second_factor(record)
               for record in get_authentication_records(request, user))


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (settings.CASA_REQUIRE_STAFF_MFA and user is not None and needs_second_factor(user)
                and not request.path.startswith(OPEN_PREFIXES)):
            response = self.refusal(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def refusal(self, request, user):
        if passed_second_factor(request, user):  # read from the session: no query
            return None
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            page, allowed = "mfa_activate_totp", ENROLMENT_PAGES
        else:
            page, allowed = "mfa_reauthenticate", SECOND_FACTOR_PAGES
        if url_name(request) in allowed:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Two-factor authentication required"}, status=403)
        return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
