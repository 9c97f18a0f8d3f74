"""An appointment as an iCalendar file (RFC 5545), for the confirmation e-mail and the
tenant's download: one VEVENT in UTC, with a stable UID and a SEQUENCE that grows with each
change, so a calendar application updates or removes the event it already has. Pure."""

import datetime as dt

PRODID = "-//Aler Milano//CASA//IT"


def escape(text):
    """A TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line):
    """Lines longer than 75 octets go on, after CRLF and a space (never within a character)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def utc(moment):
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_file(*, uid, sequence, starts_at, ends_at, summary, location, description,
               stamp, cancelled=False):
    """The text of a .ics file with one event (METHOD:CANCEL for a cancelled one)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(starts_at)}",
        f"DTEND:{utc(ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
