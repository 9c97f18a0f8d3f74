"""How notices read in the audit trail: the keys the services write, the notes, and the
command that sends urgent notices when their window opens. Found by casa/core at start-up
(casa/core/audit_sentences.py)."""

from django.utils.translation import gettext_lazy

from casa.core.audit_sentences import RecordSentences, register, register_actor, register_note

from .services import SEND_DUE_ACTOR

register_actor(SEND_DUE_ACTOR)
register_note("notice readers", gettext_lazy("who read the notice"))


@register("notices.notice")
class NoticeSentences(RecordSentences):
    field_labels = {
        "sent_to_households": gettext_lazy("sent to households"),
        "withdrawn": gettext_lazy("withdrawn"),
        "readers": gettext_lazy("readers listed"),
        "page": gettext_lazy("page"),
    }
