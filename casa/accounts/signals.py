"""Logins, good and failed, go into the audit trail; a password reset forgets the account's
wrong passwords; setting up an authenticator counts as passing it (middleware.py); allauth's
address rows follow the account's e-mail, however it is saved; the language picked in the
header is saved on the account."""

# allauth's own way of writing a session's authentication records (read through
# allauth.account.authentication.get_authentication_records): no public writer exists.
from allauth.account.internal.flows.login import record_authentication
from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from casa.core import languages
from casa.core.audit import AuditAction, audit_event
from casa.core.languages import language_chosen

from . import throttle
from .models import User
from .services import user_email_address_sync


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_event(actor=user, action=AuditAction.LOGIN, target_type="accounts.user",
                target_id=user.audit_key).save()


@receiver(user_logged_in)
def keep_the_language_picked_before_login(sender, request, user, **kwargs):
    """A language picked on the login page is the person's latest choice: their account's."""
    language = languages.allowed(languages.chosen_here(request), user) if request else None
    if language:
        remember_the_language(None, user=user, language=language)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    # What was typed, as long as an e-mail address can be (the form refuses longer ones).
    login = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_event(actor="anonymous", action=AuditAction.LOGIN_FAILED,
                target_type="accounts.user", target_id=login).save()


@receiver(password_reset)
def forget_wrong_passwords(sender, request, user, **kwargs):
    """The link sent by e-mail proves the person: the slow-down of throttle.py ends."""
    throttle.forget(user.audit_key)


@receiver(authenticator_added)
def enrolment_passes_the_second_factor(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP checks a code from the new authenticator: this session has passed it,
    and is not asked for a second code before it sees its recovery codes."""
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type,
                              enrolled=True)


@receiver(post_save, sender=User)
def email_address_follows_the_account(sender, instance, raw=False, update_fields=None,
                                      **kwargs):
    if raw or (update_fields is not None and "email" not in update_fields):
        return
    user_email_address_sync(instance)


@receiver(language_chosen)
def remember_the_language(sender, user, language, **kwargs):
    """The language picked with the header's buttons is the account's from now on: its pages
    and its messages (casa/core/languages.py, registry.selectors.household_languages)."""
    if user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
