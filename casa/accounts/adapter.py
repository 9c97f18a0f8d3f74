"""How allauth treats CASA accounts: no self sign-up (accounts are created by the agency), and
every password check (login, re-authentication) goes through the limits of throttle.py and the
login policy (a tenant's password refused once administrators turn passwords off for tenants:
services.password_refusal_check)."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.stagekit import clear_login
from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import throttle
from .services import password_confirm, password_refusal_check

logger = logging.getLogger(__name__)

# allauth's rate limit (ACCOUNT_RATE_LIMITS) counting wrong passwords per client address.
PASSWORD_FAILED = "password_failed"  # noqa: S105 (a name, not a password)


def _login(credentials):
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_login_stages(self):
        """allauth's, with its second-factor step replaced by CASA's (stages.py), which knows
        that a SPID or CIE login at level 2 has passed two factors already."""
        return ["casa.accounts.stages.AuthenticateStage"
                if path == "allauth.mfa.stages.AuthenticateStage" else path
                for path in super().get_login_stages()]

    # -- Limits on wrong passwords (replacing allauth's per-account hard limit) -------------

    def pre_authenticate(self, request, **credentials):
        if not ratelimit.consume(request, action=PASSWORD_FAILED, dry_run=True):
            raise ValidationError(_("Too many wrong passwords from your network. Wait a "
                                    "minute and try again."), code="too_many_from_address")
        attempt = throttle.claim(_login(credentials))
        if not attempt.allowed:
            raise ValidationError(
                _("Too many wrong passwords for this account. Try again in %(wait)s, or use "
                  "“Forgot your password?” to receive a link by e-mail.")
                % {"wait": throttle.wait_text(attempt.wait)}, code="too_many_for_account")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # The right password of a tenant who may no longer use one: refused, and the
            # account's slow-down is not forgotten (this is no proof of the person).
            password_refusal_check(user, audit=True)
            throttle.forget(_login(credentials))
        return user

    def reauthenticate(self, user, password):
        """allauth finds the account again by its e-mail; one without (a tenant whose SPID/CIE
        identity gave none) is checked directly, under the same per-account limits. A tenant
        with no password either re-authenticates with SPID/CIE (casa/spid)."""
        if user.email:
            return super().reauthenticate(user, password)
        return password_confirm(user=user, password=password)

    def pre_login(self, request, user, **kwargs):
        """A password reset logs the person in (ACCOUNT_LOGIN_ON_PASSWORD_RESET): not a tenant
        who may no longer use a password."""
        records = get_authentication_records(request, user)
        if records and records[-1].get("method") == "password_reset":
            try:
                password_refusal_check(user, audit=True)
            except ValidationError as refusal:
                clear_login(request)
                messages.error(request, refusal.messages[0])
                return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

    def authentication_failed(self, request, **credentials):
        ratelimit.consume(request, action=PASSWORD_FAILED)

    def get_client_ip(self, request):
        """The client's address, from the trusted proxy settings (CASA_CLIENT_IP_HEADER,
        CASA_TRUSTED_PROXY_COUNT). A request that did not come through the proxies described
        counts under the address that sent it, with a warning, never as an error page."""
        try:
            return super().get_client_ip(request)
        except (ImproperlyConfigured, PermissionDenied) as error:
            logger.warning("Client address not found as configured (%s): using REMOTE_ADDR",
                           error or "missing header")
            return request.META.get("REMOTE_ADDR") or "unknown"
