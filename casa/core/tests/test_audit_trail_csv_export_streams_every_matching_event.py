"""The CSV export of a search holds every matching event, one row each (views not grouped),
with the columns in the reader's language, Italian times and the event as a sentence. It is
streamed in chunks of a fixed size, so memory does not grow with the trail."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casa.core import audit_search
from casa.core.models import AuditEvent

from .audit_helpers import UTC, rome, write


@pytest.fixture
def auditor(register, make_user):
    return make_user("auditor")


def export(client, **filters):
    response = client.get(reverse("core:audit_export"), filters)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return response


def read_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_every_matching_event_is_a_row_newest_first_across_chunks(client, auditor,
                                                                 monkeypatch):
    monkeypatch.setattr(audit_search, "EXPORT_CHUNK", 7)
    # 30 views of H001 (several at the very same second, across chunk boundaries) and one
    # of H002, which the search leaves out.
    same_second = rome(2026, 11, 20, 9, 0)
    h001 = [write(target_id="H001", at=same_second if i % 3 == 0
                  else rome(2026, 11, 20, 9, 0) + dt.timedelta(minutes=i))
            for i in range(30)]
    write(target_id="H002", at=rome(2026, 11, 20, 9, 5))
    client.force_login(auditor)

    response = export(client, household="H001")
    with CaptureQueriesContext(connection) as queries:
        rows = read_rows(response)

    header, body = rows[0], rows[1:]
    assert len(body) == 30
    expected = sorted(h001, key=lambda event: (event.at, event.id), reverse=True)
    assert [row[header.index("Quando (ora italiana)")] for row in body] == [
        f"{event.at.astimezone(dt.timezone(dt.timedelta(hours=1))):%d/%m/%Y %H:%M}"
        for event in expected]
    assert all(row[header.index("Evento")] ==
               "import_registry ha consultato il nucleo familiare H001" for row in body)
    # One query per chunk of 7 (and the empty check after the last), not one per event.
    assert len(queries) == 5


def test_the_columns_are_in_the_readers_language_and_times_are_italian(client, auditor):
    write(action="update", target_id="H001", at=dt.datetime(2026, 11, 25, 23, 30, tzinfo=UTC),
          changes={"rent_band": ["protezione", "accesso"]})
    client.force_login(auditor)
    client.cookies["django_language"] = "en"

    header, row = read_rows(export(client, household="H001"))

    assert header == ["When (Italian time)", "Who", "Role", "What happened", "Record type",
                      "Record", "Description", "Subject", "Event", "Changes (as recorded)",
                      "Note"]
    assert row[0] == "26/11/2026 00:30"
    assert row[3:6] == ["updated", "household", "H001"]
    assert row[8] == ("import_registry updated household H001: "
                      "rent band protection (protezione) → access (accesso)")


def test_repeated_views_are_one_row_each_in_the_csv(client, auditor):
    for minute in (0, 3, 6):
        write(target_id="H001", at=rome(2026, 11, 20, 10, minute))
    client.force_login(auditor)

    assert len(read_rows(export(client, household="H001"))) == 1 + 3


def test_the_export_is_recorded_and_is_not_in_its_own_file(client, auditor):
    write(target_id="H001")
    client.force_login(auditor)

    rows = read_rows(export(client, household="H001", action="view"))

    recorded = AuditEvent.objects.get(target_type="core.auditevent", target_id="export")
    assert recorded.actor == auditor
    assert recorded.changes == {"filters": {"household": "H001", "action": "view"}}
    assert len(rows) == 2
    assert all(row[5] != "export" for row in rows)


def test_the_file_is_named_after_the_moment_of_the_export(client, auditor):
    client.force_login(auditor)

    response = export(client)

    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_typed_value_that_a_spreadsheet_would_run_is_written_as_text(client, auditor):
    write(actor="anonymous", action="login_failed", target_type="accounts.user",
          target_id='=HYPERLINK("http://x.invalid")', subject="")
    client.force_login(auditor)

    header, row = read_rows(export(client, action="login_failed"))

    assert row[header.index("Elemento")] == "'=HYPERLINK(\"http://x.invalid\")"
    assert row[header.index("Evento")].startswith("Accesso non riuscito come =HYPERLINK")
