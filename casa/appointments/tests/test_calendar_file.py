"""The calendar file follows RFC 5545: CRLF lines of at most 75 octets (folded without cutting
a character), escaped text, times in UTC, a stable UID and a growing SEQUENCE."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from casa.appointments.calendar import escape, event_file, fold

ROME = ZoneInfo("Europe/Rome")


def unfold(text):
    return text.replace("\r\n ", "")


def test_an_event_in_rome_is_written_in_utc_with_escaped_text():
    text = event_file(uid="appointment-7@casa.example", sequence=2,
                      starts_at=dt.datetime(2026, 7, 1, 9, 30, tzinfo=ROME),
                      ends_at=dt.datetime(2026, 7, 1, 10, tzinfo=ROME),
                      stamp=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
                      summary="Bollette, morosità; rate", location="Piazza Selinunte 4, Milano",
                      description="Riga uno\nRiga due")
    lines = unfold(text).split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "DTSTART:20260701T073000Z" in lines  # summer time: UTC+2
    assert "SEQUENCE:2" in lines and "UID:appointment-7@casa.example" in lines
    assert "SUMMARY:Bollette\\, morosità\\; rate" in lines
    assert "DESCRIPTION:Riga uno\\nRiga due" in lines
    assert "METHOD:PUBLISH" in lines and "STATUS:CONFIRMED" in lines


def test_a_cancelled_event_cancels():
    text = event_file(uid="u", sequence=3, starts_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                      ends_at=dt.datetime(2026, 1, 1, 1, tzinfo=dt.UTC),
                      stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), summary="s",
                      location="l", description="d", cancelled=True)
    assert "METHOD:CANCEL\r\n" in text and "STATUS:CANCELLED\r\n" in text


@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_every_line_within_75_octets_and_loses_nothing(text):
    line = "DESCRIPTION:" + escape(text)
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert unfold(folded) == line
