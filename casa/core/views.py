"""Pages every visitor can reach: privacy notice and accessibility statement; and the audit trail
for auditors: search, sentences, CSV export. The home page gathers several domains: it lives in
the portal (casa/portal)."""

import csv
import json

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit_search, audit_sentences
from .access import allow, public, readable_events


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


@allow("core.view_audit_trail")
def audit_trail(request):
    """The trail, searched: events in words, repeated views grouped (on this page only: the
    pages count events, so a run of views cut by a page boundary shows on both pages)."""
    form = audit_search.AuditSearchForm(request.GET)
    context = {"form": form, "staff_choices": audit_search.staff_choices(),
               "query_string": _query_string(request)}
    if not form.is_valid():
        return render(request, "core/audit_trail.html", context)
    paginator = audit_search.CappedPaginator(readable_events(request.user, form.events()),
                                            settings.CASA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    events = list(page.object_list)
    # Written after reading, so that the page does not list its own reading.
    audit_search.record_search(actor=request.user, filters=form.filters(), kind="search",
                               page=page.number, found=paginator.count, more=paginator.capped)
    rows = audit_sentences.rows(events)
    for row in rows:
        row.subject_link = (audit_search.subject_link(row.event.subject)
                            if row.event.subject else None)
        builder = audit_sentences.sentences_for(row.event.target_type)
        row.record_type, row.code = builder.type_name(), builder.code(row.event)
    context.update(page=page, rows=rows, filtered=bool(form.filters()),
                   group_minutes=int(audit_sentences.VIEW_GROUP_WINDOW.total_seconds() // 60))
    return render(request, "core/audit_trail.html", context)


def _query_string(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class _Echo:
    def write(self, value):
        return value


@allow("core.view_audit_trail")
def audit_export(request):
    """The same search as CSV, one row per event (no grouping), streamed in chunks: constant
    memory however many events match. The export is itself an audit event, and lists the
    events before it."""
    form = audit_search.AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "core/audit_trail.html", {
            "form": form, "staff_choices": audit_search.staff_choices(),
            "query_string": _query_string(request)}, status=400)
    export = audit_search.record_search(actor=request.user, filters=form.filters(),
                                        kind="export")
    events = readable_events(request.user, form.events()).filter(pk__lt=export.pk)
    language = translation.get_language()

    def lines():
        # The response is iterated after the view returns: keep the reader's language.
        with translation.override(language):
            writer = csv.writer(_Echo(), lineterminator="\n")
            yield writer.writerow(audit_csv_header())
            for event in audit_search.in_chunks(events):
                yield writer.writerow(audit_csv_row(event))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"audit-trail-{timezone.localtime():%Y-%m-%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def audit_csv_header():
    return [_("When (Italian time)"), _("Who"), _("Role"), _("What happened"),
            _("Record type"), _("Record"), _("Description"), _("Subject"),
            _("Event"), _("Changes (as recorded)"), _("Note")]


# A spreadsheet runs a cell starting with one of these as a formula; some audit values are
# typed by anyone (the login of a failed login): they are written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def audit_csv_row(event):
    actor = event.actor
    return [spreadsheet_safe(value) for value in [
        audit_sentences.local_date_time(event.at),
        event.actor_label,
        actor.get_role_display() if actor is not None else "",
        audit_sentences.action_label(event.action),
        audit_sentences.type_name(event.target_type),
        event.target_id,
        event.target_repr,
        event.subject,
        audit_sentences.sentence(event),
        json.dumps(event.changes, ensure_ascii=False, sort_keys=True) if event.changes else "",
        event.note,
    ]]
