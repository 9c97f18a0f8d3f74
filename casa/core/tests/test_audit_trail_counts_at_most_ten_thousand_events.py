"""Counting millions of events on every page view would take seconds: the page counts up to
a limit (10,000), says there are more, and the CSV still holds them all."""

import pytest

from casa.core import audit_search
from casa.core.models import AuditEvent

from .audit_helpers import listed, page, rome, table_text, write


@pytest.fixture
def five_views(register):
    # An hour apart: five rows, not one group of views.
    return [write(target_id="H001", at=rome(2026, 11, 20, 10 + hour)) for hour in range(5)]


def test_past_the_limit_the_page_says_there_are_more(client, make_user, five_views,
                                                    monkeypatch):
    monkeypatch.setattr(audit_search, "COUNT_LIMIT", 3)
    client.force_login(make_user("auditor"))

    response = page(client, household="H001")

    assert response.context["page"].paginator.count == 3
    assert len(listed(response)) == 3
    assert table_text(response).startswith("Più di 3 eventi, dal più recente")
    search = AuditEvent.objects.get(target_type="core.auditevent", target_id="search")
    assert search.changes["found"] == 3 and search.changes["more"] is True


def test_the_csv_has_every_event_past_the_limit(client, make_user, five_views, monkeypatch):
    monkeypatch.setattr(audit_search, "COUNT_LIMIT", 3)
    client.force_login(make_user("auditor"))

    response = client.get("/audit/export.csv", {"household": "H001"})

    assert b"".join(response.streaming_content).decode().count("H001") >= 5


def test_under_the_limit_the_page_gives_the_exact_number(client, make_user, five_views):
    client.force_login(make_user("auditor"))

    response = page(client, household="H001")

    assert response.context["page"].paginator.count == 5
    assert not response.context["page"].paginator.capped
