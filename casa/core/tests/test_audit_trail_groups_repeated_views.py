"""Repeated views of the same record by the same person within 15 minutes read as one row:
"viewed household H001 3 times between 10:00 and 10:10". The CSV keeps every event."""

import datetime as dt

import pytest

from casa.core.audit_sentences import VIEW_GROUP_WINDOW, group_views

from .audit_helpers import page, rome, table_text, write


@pytest.fixture
def officer(register, make_user):
    return make_user("benefit_officer")


@pytest.fixture
def auditor(register, make_user):
    return make_user("auditor")


def rows(client, **filters):
    return page(client, **filters).context["rows"]


def test_three_views_in_ten_minutes_are_one_row(client, officer, auditor, english):
    for minute in (0, 4, 10):
        write(actor=officer, target_id="H001", at=rome(2026, 11, 20, 10, minute))
    client.force_login(auditor)
    client.cookies["django_language"] = "en"

    response = page(client, household="H001")

    assert [row.count for row in response.context["rows"]] == [3]
    assert ("Test Benefit Officer (benefit officer) viewed household H001 3 times between "
            "10:00 and 10:10") in table_text(response)
    assert "20/11/2026 10:00 – 10:10" in table_text(response)


def test_a_view_twenty_minutes_later_starts_a_new_row(client, officer, auditor):
    for minute in (0, 4, 10, 30):
        write(actor=officer, target_id="H001", at=rome(2026, 11, 20, 10, minute))
    client.force_login(auditor)

    assert [row.count for row in rows(client, household="H001")] == [1, 3]


def test_another_persons_views_are_a_separate_row(client, officer, auditor, make_user):
    colleague = make_user("benefit_officer")
    for minute, who in ((0, officer), (2, colleague), (4, officer), (6, colleague)):
        write(actor=who, target_id="H001", at=rome(2026, 11, 20, 10, minute))
    client.force_login(auditor)

    grouped = rows(client, household="H001")

    assert [(row.event.actor, row.count) for row in grouped] == [(colleague, 2), (officer, 2)]


def test_something_else_done_by_the_same_person_in_between_breaks_the_row(
        client, officer, auditor):
    write(actor=officer, target_id="H001", at=rome(2026, 11, 20, 10, 0))
    write(actor=officer, action="update", target_id="H001", at=rome(2026, 11, 20, 10, 1),
          changes={"phone": ["", "02 1234"]})
    write(actor=officer, target_id="H001", at=rome(2026, 11, 20, 10, 2))
    client.force_login(auditor)

    assert [row.count for row in rows(client, household="H001")] == [1, 1, 1]


def test_only_identical_views_group():
    # Two pages of a list are two readings of different data: they stay two rows.
    from casa.core.audit import audit_event

    def view(minute, **kwargs):
        event = audit_event(actor="someone", action="view", target_type="energy.call",
                            target_id="energia-2025-26", **kwargs)
        event.at = rome(2026, 11, 20, 10, minute)
        return event

    events = [view(3, changes={"listed": ["H002"]}), view(2, changes={"listed": ["H001"]}),
              view(1, note="api"), view(0, note="api")]

    assert [len(group) for group in group_views(events)] == [1, 1, 2]


def test_the_window_is_measured_from_the_newest_to_the_oldest_view():
    from casa.core.audit import audit_event

    def view(at):
        event = audit_event(actor="someone", action="view", target_type="registry.household",
                            target_id="H001")
        event.at = at
        return event

    newest = rome(2026, 11, 20, 10, 30)
    events = [view(newest - dt.timedelta(minutes=m)) for m in (0, 5, 10, 15, 16)]

    assert dt.timedelta(minutes=15) == VIEW_GROUP_WINDOW
    assert [len(group) for group in group_views(events)] == [4, 1]
