"""Staff must have two-factor authentication (TOTP) before they use the back office."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Paths a staff member without TOTP may still reach: enrolling it, logging out, static files.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/privacy/", "/accessibility/")


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.CASA_REQUIRE_STAFF_MFA
            and user is not None
            and user.is_authenticated
            and user.is_casa_staff
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)
