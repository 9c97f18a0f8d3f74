"""How messages to tenants read in the audit trail."""

from django.utils.translation import gettext as _

from casa.core.audit import AuditAction
from casa.core.audit_sentences import RecordSentences, register

HOUSEHOLD = "household:"


@register("notifications.message")
class MessageSentences(RecordSentences):
    """`target_repr` is the subject line as sent; the changes hold the kind and channel; the
    note is the idempotency key, a technical detail."""

    hidden_fields = ("kind", "channel")
    show_note = False

    def record(self, event):
        values = {"subject": event.target_repr or event.target_id,
                  "household": event.subject.removeprefix(HOUSEHOLD)}
        if event.subject.startswith(HOUSEHOLD):
            return _("the message “%(subject)s” to household %(household)s") % values
        return _("the message “%(subject)s”") % values

    def action_sentence(self, event, who_text):
        channel = (event.changes or {}).get("channel") if isinstance(event.changes, dict) \
            else None
        if event.action == AuditAction.CREATE and channel:
            return _("%(who)s wrote %(record)s (%(channel)s)") % {
                "who": who_text, "record": self.record(event),
                "channel": self.value("channel", channel)}
        return super().action_sentence(event, who_text)
