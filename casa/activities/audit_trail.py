"""How activities read in the audit trail: the keys the services write and the notes. Found by
casa/core at start-up (casa/core/audit_sentences.py)."""

from django.utils.translation import gettext_lazy

from casa.core.audit_sentences import RecordSentences, register, register_note

register_note("session attendance", gettext_lazy("the session's attendance"))


@register("activities.activity")
class ActivitySentences(RecordSentences):
    field_labels = {"kind": gettext_lazy("kind"), "event": gettext_lazy("event")}


@register("activities.session")
class SessionSentences(RecordSentences):
    field_labels = {"activity": gettext_lazy("activity"), "day": gettext_lazy("day"),
                    "anonymous_attendees": gettext_lazy("other attendees"),
                    "attendances": gettext_lazy("attendances listed")}


@register("activities.attendance")
class AttendanceSentences(RecordSentences):
    field_labels = {"session": gettext_lazy("session"), "attended": gettext_lazy("attended")}


@register("activities.contribution")
class ContributionSentences(RecordSentences):
    field_labels = {"session": gettext_lazy("session"), "who": gettext_lazy("who"),
                    "hours": gettext_lazy("hours")}
