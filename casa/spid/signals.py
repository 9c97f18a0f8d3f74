"""Logging out of a session opened with SPID or CIE also logs out at the identity provider
(single logout): the address of its logout is worked out before the session ends, and
CASA's logout page (casa/accounts/views.py) sends the browser there."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from . import services


@receiver(user_logged_out)
def log_out_at_the_identity_provider(sender, request, user, **kwargs):
    if request is None or user is None:
        return
    url = services.logout_redirect(request.session, user)
    if url:
        request.casa_logout_redirect = url
