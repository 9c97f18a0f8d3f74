"""The audit trail in words: each event as a sentence in the reader's language.

Core knows no domain. Each app says how its own record types read in `casa/<app>/
audit_trail.py`, a module core imports at start-up (as the admin does with admin.py):

    from django.utils.translation import gettext as _
    from casa.core.audit_sentences import RecordSentences, register

    @register("energy.application")
    class ApplicationSentences(RecordSentences):
        def record(self, event):
            return _("application %(protocol)s") % {"protocol": event.target_id}

A type nobody registers reads through `RecordSentences` itself: who, what, the model's
verbose name and the record's code, and the changes with the model's field names and choice
labels. Builders read only the event's own columns (and its actor, fetched with it): a page or
an export never queries once per event.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import AuditAction

# Views of the same record by the same person within this window show as one row.
VIEW_GROUP_WINDOW = dt.timedelta(minutes=15)

_sentences = {}  # target type -> RecordSentences
_notes = {}  # a note as written -> its text in the reader's language (str or callable)
_note_prefixes = []  # (prefix, callable(rest) -> text)
_actors = {}  # an actor that is not a user (a command) -> label or None


def register(*target_types):
    """Class decorator: `cls` tells how events about `target_types` read."""
    def decorate(cls):
        for target_type in target_types:
            if target_type in _sentences:
                raise ImproperlyConfigured(f"{target_type} already has audit sentences")
            _sentences[target_type] = cls(target_type)
        return cls
    return decorate


def register_note(note, text, *, prefix=False):
    """A note as services write it (in English, a key) and its text for readers: a lazy
    string, or a callable taking the event. With `prefix`, `note` is the start of the note
    and the callable takes the rest ("assisted application energia-2025-26")."""
    if prefix:
        _note_prefixes.append((note, text))
    else:
        _notes[note] = text


def register_actor(name, label=None):
    """An actor that is not a user: a command such as "import_registry". It can be searched
    for as a staff member; `label` (lazy) replaces the name in sentences."""
    _actors[name] = label


def known_actors():
    return sorted(_actors)


def sentences_for(target_type):
    """The builder for `target_type`: the one registered, else the generic one."""
    if target_type not in _sentences:
        _sentences[target_type] = RecordSentences(target_type)
    return _sentences[target_type]


ACTION_SENTENCES = {
    AuditAction.CREATE: gettext_lazy("%(who)s created %(record)s"),
    AuditAction.UPDATE: gettext_lazy("%(who)s updated %(record)s"),
    AuditAction.END: gettext_lazy("%(who)s ended %(record)s"),
    AuditAction.VIEW: gettext_lazy("%(who)s viewed %(record)s"),
    AuditAction.IMPORT: gettext_lazy("%(who)s imported %(record)s"),
    AuditAction.LOGIN: gettext_lazy("%(who)s logged in"),
    AuditAction.LOGIN_FAILED: gettext_lazy("Failed login as %(record)s"),
    AuditAction.DELETE: gettext_lazy("%(who)s deleted %(record)s"),
}
OTHER_ACTION = gettext_lazy("%(who)s: %(action)s, %(record)s")


def who(event):
    """'Maria Rossi (benefit officer)' for a user, the label of a command otherwise."""
    actor = event.actor
    if actor is not None:
        name = actor.get_full_name() or event.actor_label
        role = getattr(actor, "get_role_display", None)
        if role is None:
            return name
        return _("%(name)s (%(role)s)") % {"name": name, "role": str(role()).lower()}
    label = _actors.get(event.actor_label)
    # A command's name stays as written (import_registry); a label starts a sentence.
    return capfirst(str(label)) if label else event.actor_label


def local_time(moment):
    return date_format(timezone.localtime(moment), "H:i")


def local_date_time(moment):
    return date_format(timezone.localtime(moment), "d/m/Y H:i")


class RecordSentences:
    """How events about one record type read. Override what your type needs: `record`
    (the record in words), `field_labels` (change keys that are not model fields),
    `hidden_fields`, `value`, `changes`, or the whole `sentence`."""

    type_label = None  # for types that are not models; else the model's verbose name
    field_labels = {}  # change key -> lazy label, before the model's verbose names
    hidden_fields = ()  # change keys not shown (internal, or said in the record already)
    show_note = True

    def __init__(self, target_type):
        self.target_type = target_type
        try:
            self.model = apps.get_model(target_type)
        except (LookupError, ValueError):
            self.model = None

    # -- the record ---------------------------------------------------------------------

    def type_name(self):
        if self.type_label is not None:
            return str(self.type_label)
        if self.model is not None:
            return str(self.model._meta.verbose_name)
        return self.target_type

    def record(self, event):
        """The record in words, e.g. 'household H0001234'."""
        values = {"type": self.type_name(), "code": event.target_id,
                  "description": event.target_repr}
        if event.target_repr and event.target_repr != event.target_id:
            return _("%(type)s %(code)s (%(description)s)") % values
        return _("%(type)s %(code)s") % values

    def code(self, event):
        """The record's code as the agency writes it, shown and searchable on the page; ""
        when the type has none."""
        return event.target_id

    # -- the changes ------------------------------------------------------------------------

    def model_field(self, key):
        if self.model is None:
            return None
        try:
            return self.model._meta.get_field(key)
        except FieldDoesNotExist:
            return None

    def field_order(self, key):
        """Where a change goes in the sentence: in the model's field order, then the other
        keys alphabetically (PostgreSQL's jsonb does not keep the order they were written)."""
        if key in self.field_positions:
            return (0, self.field_positions[key], "")
        return (1, 0, str(key))

    @cached_property
    def field_positions(self):
        if self.model is None:
            return {}
        return {field.name: index
                for index, field in enumerate(self.model._meta.get_fields())}

    def field_label(self, key):
        if key in self.field_labels:
            return str(self.field_labels[key])
        field = self.model_field(key)
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name)
        return str(key).replace("_", " ")

    def value(self, key, value):
        """One value in words: a choice's label, yes/no, a date as 25/11/2026, a number in
        the reader's format."""
        if value is None or value == "":
            return "—"
        if isinstance(value, list | tuple):
            return ", ".join(self.value(key, item) for item in value) or "—"
        if isinstance(value, dict):
            return ", ".join(_("%(field)s: %(value)s") % {
                "field": self.field_label(inner), "value": self.value(inner, item)}
                for inner, item in value.items())
        field = self.model_field(key)
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool) or isinstance(field, models.BooleanField):
            return yes_no(value)
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return date_text(value)
        if isinstance(field, models.DecimalField):
            try:
                return number_format(Decimal(str(value)), field.decimal_places,
                                     force_grouping=True)
            except InvalidOperation:
                return str(value)
        return str(value)

    def change_pairs(self, event):
        """(key, old, new) of each shown change; old is None for a plain value."""
        changes = event.changes if isinstance(event.changes, dict) else {}
        pairs = []
        for key, change in sorted(changes.items(), key=lambda item: self.field_order(item[0])):
            if key in self.hidden_fields:
                continue
            if isinstance(change, dict) and {"old", "new"} <= change.keys():
                change = [change["old"], change["new"]]
            # [old, new], except a created record's plain list of two values (two hubs).
            if (isinstance(change, list | tuple) and len(change) == 2
                    and (event.action != AuditAction.CREATE or change[0] is None)):
                pairs.append((key, change[0], change[1]))
            else:
                pairs.append((key, None, change))
        return pairs

    def changes(self, event):
        """Each change in words: 'rent band protection → access', 'role: tenant'."""
        texts = []
        for key, old, new in self.change_pairs(event):
            label = self.field_label(key)
            if old is None:
                texts.append(_("%(field)s: %(value)s") % {
                    "field": label, "value": self.value(key, new)})
            else:
                texts.append(_("%(field)s %(old)s → %(new)s") % {
                    "field": label, "old": self.value(key, old), "new": self.value(key, new)})
        return texts

    def note(self, event):
        if not self.show_note or not event.note:
            return ""
        return note_text(event)

    # -- the sentence ---------------------------------------------------------------------

    def action_sentence(self, event, who_text):
        template = ACTION_SENTENCES.get(event.action, OTHER_ACTION)
        return template % {"who": who_text, "record": self.record(event),
                           "action": action_label(event.action)}

    def sentence(self, event, who_text):
        return self.with_details(event, self.action_sentence(event, who_text))

    def views_sentence(self, events, who_text):
        """Several views of the record (newest first) in one sentence."""
        newest, oldest = events[0], events[-1]
        text = ngettext(
            "%(who)s viewed %(record)s %(count)s time between %(first)s and %(last)s",
            "%(who)s viewed %(record)s %(count)s times between %(first)s and %(last)s",
            len(events),
        ) % {"who": who_text, "record": self.record(newest), "count": len(events),
             "first": local_time(oldest.at), "last": local_time(newest.at)}
        return self.with_details(newest, text)

    def with_details(self, event, text):
        details = self.changes(event)
        if details:
            text = _("%(sentence)s: %(changes)s") % {"sentence": text,
                                                     "changes": "; ".join(details)}
        note = self.note(event)
        if note:
            text = _("%(sentence)s (%(note)s)") % {"sentence": text, "note": note}
        return text


def yes_no(value):
    if isinstance(value, str):
        value = value.strip().lower() in {"yes", "true", "1", "sì", "si"}
    return _("yes") if value else _("no")


def date_text(value):
    """An ISO date (as the writers store it) as 25/11/2026; anything else unchanged."""
    try:
        return date_format(dt.date.fromisoformat(str(value)), "d/m/Y")
    except ValueError:
        return str(value)


def action_label(action):
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action


def note_text(event):
    note = event.note
    if note in _notes:
        text = _notes[note]
        return str(text(event) if callable(text) else text)
    for prefix, text in _note_prefixes:
        if note.startswith(prefix):
            return str(text(note[len(prefix):]))
    return note


def sentence(event):
    """One event as a sentence in the active language."""
    return sentences_for(event.target_type).sentence(event, who(event))


def type_name(target_type):
    return sentences_for(target_type).type_name()


# -- Grouping repeated views ------------------------------------------------------------------

def _actor_key(event):
    return ("user", event.actor_id) if event.actor_id else ("label", event.actor_label)


def _same_view(a, b):
    return (a.target_type, a.target_id, a.note, a.changes) == (
        b.target_type, b.target_id, b.note, b.changes)


def group_views(events, *, window=VIEW_GROUP_WINDOW):
    """Events (newest first) in groups: a person's views of the same record, with nothing
    else done by that person in between, within `window` from the newest to the oldest, make
    one group; every other event is a group of its own. Only identical views group (same
    note and changes: two pages of a list are two rows). Others' events in between do not
    break a group: it shows where its newest view is."""
    groups = []
    open_views = {}  # actor -> the group of their latest event, when it is a view
    for event in events:
        actor = _actor_key(event)
        group = open_views.get(actor)
        if (event.action == AuditAction.VIEW and group is not None
                and _same_view(group[0], event) and group[0].at - event.at <= window):
            group.append(event)
            continue
        group = [event]
        groups.append(group)
        if event.action == AuditAction.VIEW:
            open_views[actor] = group
        else:
            open_views.pop(actor, None)
    return groups


@dataclass
class Row:
    """One row of the audit trail page: an event, or a group of views (newest first)."""

    events: list
    sentence: str

    @property
    def event(self):
        return self.events[0]

    @property
    def first_at(self):
        return self.events[-1].at

    @property
    def last_at(self):
        return self.events[0].at

    @property
    def count(self):
        return len(self.events)


def rows(events):
    """The page's rows: events grouped (`group_views`) and put into words."""
    result = []
    for group in group_views(events):
        event = group[0]
        builder = sentences_for(event.target_type)
        text = (builder.views_sentence(group, who(event)) if len(group) > 1
                else builder.sentence(event, who(event)))
        result.append(Row(events=group, sentence=text))
    return result
