"""The date range of the audit trail counts days in Italy (Europe/Rome), both ends included,
and the page shows Italian times: an event at 23:30 UTC on the 25th is on the 26th."""

import datetime as dt

import pytest

from .audit_helpers import UTC, listed, page, write


@pytest.fixture
def auditor(make_user):
    return make_user("auditor")


def test_an_event_late_in_the_evening_utc_is_on_the_next_day_in_rome(client, db, auditor):
    late = write(target_id="H001", at=dt.datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    client.force_login(auditor)

    on_the_26th = page(client, date_from="26/11/2026", date_to="26/11/2026")
    up_to_the_25th = page(client, date_to="25/11/2026")

    assert listed(on_the_26th) == [late.pk]
    assert late.pk not in listed(up_to_the_25th)
    assert "26/11/2026 00:30" in on_the_26th.content.decode()


def test_both_ends_of_the_range_are_whole_days_in_rome(client, db, auditor):
    # Winter: Rome is UTC+1. 23:00 UTC on the 24th is midnight of the 25th in Rome.
    before = write(target_id="H001", at=dt.datetime(2026, 11, 24, 22, 59, tzinfo=UTC))
    first_minute = write(target_id="H001", at=dt.datetime(2026, 11, 24, 23, 0, tzinfo=UTC))
    last_minute = write(target_id="H001", at=dt.datetime(2026, 11, 25, 22, 59, tzinfo=UTC))
    after = write(target_id="H001", at=dt.datetime(2026, 11, 25, 23, 0, tzinfo=UTC))
    client.force_login(auditor)

    response = page(client, date_from="25/11/2026", date_to="25/11/2026")

    assert sorted(listed(response)) == sorted([first_minute.pk, last_minute.pk])
    assert before.pk not in listed(response) and after.pk not in listed(response)


def test_in_summer_the_day_starts_at_22_utc(client, db, auditor):
    # Summer: Rome is UTC+2, so 22:30 UTC on 14 July is 00:30 on 15 July.
    event = write(target_id="H001", at=dt.datetime(2026, 7, 14, 22, 30, tzinfo=UTC))
    client.force_login(auditor)

    assert listed(page(client, date_from="15/07/2026", date_to="15/07/2026")) == [event.pk]
    assert listed(page(client, date_from="14/07/2026", date_to="14/07/2026")) == []
