"""Searching the audit trail: the auditor's filters, the matching events newest first, read
in chunks for the export, and the audit event of each search.

Every filter starts from an index ending in the time (see AuditEvent.Meta.indexes): the trail
holds millions of rows. Searches by something only a domain app knows (a household, a person)
are registered by that app (`register_subject_search`): core knows no domain.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import audit_sentences
from .access import STAFF_ROLES
from .audit import AuditAction, audit_event
from .models import AuditEvent

EXPORT_CHUNK = 1000
STAFF_LIST_LIMIT = 500
# The page counts at most this many events: counting millions of rows would take seconds on
# every page view. Past it, the reader narrows the search or exports it (the CSV has all).
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class SubjectSearch:
    """A search field of the audit trail that finds subjects ("household:H0001234").

    `subjects(text)` returns the subjects to show, or raises ValidationError with a message
    for the reader. `prefix` ("household:") lets the page link a subject back to this field.
    """

    name: str
    label: str
    help_text: str
    subjects: Callable[[str], list]
    prefix: str = ""
    max_length: int = 100


_subject_searches = {}


def register_subject_search(search):
    if search.name in _subject_searches or search.name in AuditSearchForm.base_fields:
        raise ImproperlyConfigured(f"The audit trail already has a search {search.name!r}")
    _subject_searches[search.name] = search


def subject_search(name):
    """The registered search called `name`, or None."""
    return _subject_searches.get(name)


def subject_link(subject):
    """(field name, value) of the search that finds `subject`, e.g. ("household", "H001");
    the record field otherwise."""
    for search in _subject_searches.values():
        if search.prefix and subject.startswith(search.prefix):
            return search.name, subject[len(search.prefix):]
    return "record", subject


def record_types_present():
    """The record types in the trail, read as a loose index scan (one index probe per type,
    not a scan of millions of rows), on PostgreSQL and SQLite alike."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = f"""
        WITH RECURSIVE types(target_type) AS (
            SELECT MIN(target_type) FROM {table}
            UNION ALL
            SELECT (SELECT MIN(target_type) FROM {table} WHERE target_type > types.target_type)
            FROM types WHERE types.target_type IS NOT NULL
        )
        SELECT target_type FROM types WHERE target_type IS NOT NULL
    """  # noqa: S608 (the table name comes from the model, nothing from the request)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def record_type_choices():
    labelled = [(target_type, capfirst(audit_sentences.type_name(target_type)))
                for target_type in record_types_present()]
    return sorted(labelled, key=lambda choice: str(choice[1]).lower())


def rome_day_start(day):
    """Midnight at the start of `day` in the site's zone (Europe/Rome), as an aware time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def staff_choices():
    """E-mail and name of the staff, and the commands that act, for the staff field's list."""
    users = (get_user_model().objects.filter(role__in=sorted(STAFF_ROLES))
             .order_by("last_name", "first_name", "email")
             .values_list("email", "first_name", "last_name")[:STAFF_LIST_LIMIT])
    listed = [(email, f"{first} {last}".strip()) for email, first, last in users]
    return listed + [(name, "") for name in audit_sentences.known_actors()]


DATE_HELP = _("As dd/mm/yyyy, for example 25/11/2026.")
DATE_ERRORS = {"invalid": _("Write the date as dd/mm/yyyy, for example 25/11/2026.")}


class DateText(forms.DateInput):
    """A date typed as 25/11/2026 (a native date picker would send another format). No
    numeric keypad: some phones' lack the slash."""

    input_type = "text"

    def __init__(self):
        super().__init__(format="%d/%m/%Y", attrs={"autocomplete": "off", "maxlength": 10})


class AuditSearchForm(forms.Form):
    record = forms.CharField(
        label=_("Protocol or record code"), required=False, max_length=254,
        help_text=_("Exactly as written, for example CE-2025-26-000123 or H0001234."))
    staff = forms.CharField(
        label=_("Staff member"), required=False, max_length=254,
        help_text=_("E-mail or full name: choose from the list or type."),
        widget=forms.TextInput(attrs={"list": "audit-staff-list", "autocomplete": "off"}))
    action = forms.ChoiceField(label=_("What happened"), required=False)
    record_type = forms.ChoiceField(label=_("Record type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, help_text=DATE_HELP,
                                widget=DateText(), error_messages=DATE_ERRORS)
    date_to = forms.DateField(label=_("To (included)"), required=False, help_text=DATE_HELP,
                              widget=DateText(), error_messages=DATE_ERRORS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Anything")), *AuditAction.choices]
        self.fields["record_type"].choices = [("", _("Any record")), *record_type_choices()]
        self.fields["record_type"].error_messages["invalid_choice"] = _(
            "No event in the trail is about this record type.")
        for search in _subject_searches.values():
            self.fields[search.name] = forms.CharField(
                label=search.label, help_text=search.help_text, required=False,
                max_length=search.max_length)
        # Domain searches next to the record code, as the reader looks for a record first.
        order = ["record", *_subject_searches, "staff", "action", "record_type",
                 "date_from", "date_to"]
        self.order_fields(order)
        self.actor_filter = None
        self.subjects = {}

    def clean_record(self):
        return self.cleaned_data["record"].strip()

    def clean_staff(self):
        text = " ".join(self.cleaned_data["staff"].split())
        if not text:
            return ""
        self.actor_filter = find_actor(text)
        return text

    def clean(self):
        data = super().clean()
        for name, search in _subject_searches.items():
            text = " ".join((data.get(name) or "").split())
            data[name] = text
            if text:
                try:
                    self.subjects[name] = search.subjects(text)
                except ValidationError as error:
                    self.add_error(name, error)
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self):
        """The filters used, as typed (for the search's own audit event and the links)."""
        return {name: value.strip() for name in self.fields
                if (value := self.data.get(name) or "").strip()}

    def events(self):
        """The matching events, newest first, with their actor."""
        data = self.cleaned_data
        events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
        if data["record"]:
            events = events.filter(Q(target_id=data["record"]) | Q(subject=data["record"]))
        for subjects in self.subjects.values():
            events = events.filter(subject__in=subjects)
        if self.actor_filter is not None:
            events = events.filter(self.actor_filter)
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["record_type"]:
            events = events.filter(target_type=data["record_type"])
        if data["date_from"]:
            events = events.filter(at__gte=rome_day_start(data["date_from"]))
        if data["date_to"]:
            events = events.filter(
                at__lt=rome_day_start(data["date_to"] + dt.timedelta(days=1)))
        return events


class CappedPaginator(Paginator):
    """A Paginator that counts at most COUNT_LIMIT events (one bounded query); `capped`
    says there are more, reachable by narrowing the search or in the CSV."""

    @cached_property
    def found(self):
        return self.object_list[:COUNT_LIMIT + 1].count()

    @property
    def capped(self):
        return self.found > COUNT_LIMIT

    @cached_property
    def count(self):
        return min(self.found, COUNT_LIMIT)


def find_actor(text):
    """A Q on AuditEvent for the staff member (or command) `text` names: an e-mail, a full
    name in either order, or a command's name. ValidationError when none or several match."""
    users = get_user_model().objects
    # E-mails are stored lowercased (UserManager): an exact, indexed match.
    by_email = list(users.filter(email=text.lower()).values_list("pk", flat=True))
    if by_email:
        return Q(actor_id=by_email[0])
    name = text.lower()
    by_name = list(
        users.filter(role__in=sorted(STAFF_ROLES))
        .annotate(name=Lower(Concat("first_name", Value(" "), "last_name")),
                  reversed_name=Lower(Concat("last_name", Value(" "), "first_name")))
        .filter(Q(name=name) | Q(reversed_name=name))
        .values_list("pk", flat=True)[:2])
    if len(by_name) == 1:
        return Q(actor_id=by_name[0])
    if len(by_name) > 1:
        raise ValidationError(
            _("More than one staff member is called %(name)s: choose their e-mail from the "
              "list."), params={"name": text})
    if text in audit_sentences.known_actors():
        return Q(actor__isnull=True, actor_label=text)
    raise ValidationError(_("No staff member has the e-mail or name %(name)s."),
                          params={"name": text})


def in_chunks(events, size=None):
    """Every event of `events` (ordered newest first), read `size` at a time by keyset: each
    chunk is one indexed query, so memory stays flat however many match."""
    size = size or EXPORT_CHUNK
    last = None
    while True:
        chunk = events
        if last is not None:
            # at <= last.at gives the index a range; the exclude drops what was read.
            chunk = chunk.filter(at__lte=last.at).exclude(at=last.at, id__gte=last.id)
        chunk = list(chunk[:size])
        yield from chunk
        if len(chunk) < size:
            return
        last = chunk[-1]


def record_search(*, actor, filters, kind, page=None, found=None, more=False):
    """The audit event of a search of the trail: an auditor reading personal data. `found`
    events matched (`more`: more than that, see CappedPaginator)."""
    changes = {"filters": filters}
    if page is not None:
        changes["page"] = page
    if found is not None:
        changes["found"] = found
    if more:
        changes["more"] = True
    event = audit_event(actor=actor, action=AuditAction.VIEW,
                        target_type=AuditEvent._meta.label_lower, target_id=kind,
                        target_repr="audit trail", changes=changes)
    event.save()
    return event
