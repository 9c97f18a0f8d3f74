"""How account events read in the audit trail: accounts created, changed in the admin or
deleted there, logins, failed logins."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from casa.core.audit import AuditAction
from casa.core.audit_sentences import RecordSentences, register, register_actor, register_note

from .services import ADMIN_NOTE, PASSWORD_OFF_NOTE

# Failed logins are written with this actor (signals.py).
register_actor("anonymous", gettext_lazy("someone not logged in"))
register_note(ADMIN_NOTE, gettext_lazy("in the administration site"))
register_note(PASSWORD_OFF_NOTE, gettext_lazy("the right password of a tenant, who must now log "
                                              "in with SPID or CIE"))


@register("accounts.user")
class UserSentences(RecordSentences):
    """`target_id` is the account's e-mail (or, for a failed login, what was typed)."""

    def record(self, event):
        return _("the account %(email)s") % {"email": event.target_id}

    def value(self, key, value):
        if key == "password":  # never the password itself: whether it was set or changed
            return pgettext("password", "set") if value == "set" else pgettext("password",
                                                                                "changed")
        return super().value(key, value)

    def action_sentence(self, event, who_text):
        if event.action == AuditAction.LOGIN_FAILED:
            return _("Failed login as %(login)s") % {"login": event.target_id or "—"}
        return super().action_sentence(event, who_text)


@register("accounts.loginpolicy")
class LoginPolicySentences(RecordSentences):
    def record(self, event):
        return _("the login policy")
