"""How events and registrations read in the audit trail: the keys the services write and the
notes. Found by casa/core at start-up (casa/core/audit_sentences.py)."""

from django.utils.translation import gettext_lazy

from casa.core.audit_sentences import RecordSentences, register, register_note

register_note("event registrations", gettext_lazy("the event's registrations"))
register_note("waiting list", gettext_lazy("from the waiting list"))


@register("events.event")
class EventSentences(RecordSentences):
    field_labels = {
        "cancelled": gettext_lazy("cancelled"),
        "reason": gettext_lazy("why"),
        "registrations": gettext_lazy("registrations listed"),
    }


@register("events.registration")
class RegistrationSentences(RecordSentences):
    field_labels = {"event": gettext_lazy("event")}
