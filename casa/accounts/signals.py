"""Logins, good and failed, go into the audit trail; a password reset forgets the account's
wrong passwords."""

from allauth.account.signals import password_reset
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from casa.core.audit import AuditAction, audit_event

from . import throttle


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_event(actor=user, action=AuditAction.LOGIN, target_type="accounts.user",
                target_id=user.email).save()


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    # What was typed, as long as an e-mail address can be (the form refuses longer ones).
    login = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_event(actor="anonymous", action=AuditAction.LOGIN_FAILED,
                target_type="accounts.user", target_id=login).save()


@receiver(password_reset)
def forget_wrong_passwords(sender, request, user, **kwargs):
    """The link sent by e-mail proves the person: the slow-down of throttle.py ends."""
    throttle.forget(user.email)
