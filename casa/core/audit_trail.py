"""How core's own events read in the audit trail: auditors' searches and exports of it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .audit_search import AuditSearchForm, subject_search
from .audit_sentences import RecordSentences, action_label, register, register_actor, type_name

register_actor("system", gettext_lazy("the system"))


@register("core.auditevent")
class AuditTrailSentences(RecordSentences):
    """`target_id` is "search" (a page of results) or "export" (the CSV); the changes hold
    the filters as typed, the page and the number of events found."""

    def record(self, event):
        return _("the audit trail")

    def code(self, event):
        return ""

    def action_sentence(self, event, who_text):
        if event.target_id == "export":
            return _("%(who)s exported %(record)s as CSV") % {
                "who": who_text, "record": self.record(event)}
        return _("%(who)s searched %(record)s") % {"who": who_text,
                                                   "record": self.record(event)}

    def changes(self, event):
        changes = event.changes if isinstance(event.changes, dict) else {}
        filters = changes.get("filters") or {}
        texts = [_("%(field)s: %(value)s") % {"field": filter_label(name),
                                              "value": filter_value(name, value)}
                 for name, value in filters.items()]
        if not filters:
            texts.append(_("no filters"))
        if changes.get("page"):
            texts.append(_("page %(page)s") % {"page": changes["page"]})
        if changes.get("more"):
            texts.append(_("more than %(count)s events found") % {"count": changes["found"]})
        elif changes.get("found") is not None:
            texts.append(ngettext("%(count)s event found", "%(count)s events found",
                                  changes["found"]) % {"count": changes["found"]})
        return texts


def filter_label(name):
    field = AuditSearchForm.base_fields.get(name)
    if field is not None:
        return str(field.label).lower()
    search = subject_search(name)
    return str(search.label).lower() if search else name


def filter_value(name, value):
    if name == "action":
        return action_label(value)
    if name == "record_type":
        return type_name(value)
    return value
