"""Reading the audit trail is an auditor reading personal data: each page of a search is one
audit event with its filters, and the next search shows it as a sentence."""

import pytest

from casa.core.models import AuditEvent

from .audit_helpers import listed, page, table_text, write


@pytest.fixture
def auditor(register, make_user):
    return make_user("auditor")


def searches():
    return AuditEvent.objects.filter(target_type="core.auditevent", target_id="search")


def test_each_page_view_is_one_event_with_its_filters(client, auditor, settings):
    settings.CASA_PAGE_SIZE = 1
    write(target_id="H001")
    write(target_id="H001", action="update")
    client.force_login(auditor)

    page(client, household="H001", action="", page=2)

    search = searches().get()
    assert search.actor == auditor
    assert search.action == "view"
    assert search.changes == {"filters": {"household": "H001"}, "page": 2, "found": 2}


def test_the_page_does_not_list_its_own_reading_but_the_next_page_view_does(client, auditor):
    client.force_login(auditor)

    first = page(client, staff=auditor.email)
    second = page(client, staff=auditor.email)

    first_search = searches().order_by("id").first()
    assert first_search.pk not in listed(first)
    assert first_search.pk in listed(second)
    assert ("Test Auditor (revisore) ha consultato il registro delle attività: "
            f"operatore: {auditor.email}; pagina 1; 1 evento trovato") in table_text(second)


def test_an_export_reads_as_a_sentence_in_the_trail(client, auditor, english):
    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    b"".join(client.get("/audit/export.csv", {"household": "H001"}).streaming_content)

    text = table_text(page(client, action="view"))

    assert ("Test Auditor (auditor) exported the audit trail as CSV: household code: H001"
            in text)


def test_non_auditors_cannot_search_or_export(client, register, make_user):
    client.force_login(make_user("benefit_officer"))

    assert page(client).status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert not searches().exists()
