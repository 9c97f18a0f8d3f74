"""Whether this session confirmed, moments ago, that it is still the same person: the check
before a sensitive change (the IBAN of a payment, the login e-mail).

allauth records a re-authentication (the password typed again, `reauthenticated` in the
session's authentication records); a SPID or CIE re-authentication (casa/spid, a login at the
identity provider forced anew) records the same. allauth itself waives the check for an account
that has no password and no authenticator, which a tenant who only logs in with SPID or CIE is:
CASA's pages read it here instead, for every account.
"""

import time

from allauth.account import app_settings
from allauth.account.authentication import get_authentication_records


def recent_reauthentication(request):
    """The method ("password", "spid") of this session's latest re-authentication, if it is
    younger than ACCOUNT_REAUTHENTICATION_TIMEOUT; else None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    confirmed = [record for record in get_authentication_records(request, user)
                 if record.get("reauthenticated")]
    if not confirmed:
        return None
    latest = confirmed[-1]
    if time.time() - latest.get("at", 0) >= app_settings.REAUTHENTICATION_TIMEOUT:
        return None
    return latest.get("method")
