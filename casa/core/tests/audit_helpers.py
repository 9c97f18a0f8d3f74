"""Audit events written at chosen times through the trail's own writer, and what the audit
trail page lists, for the audit trail's tests."""

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

from django.urls import reverse

from casa.core.audit import audit_event

ROME = ZoneInfo("Europe/Rome")
UTC = dt.UTC


def rome(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=ROME)


def write(*, actor="import_registry", action="view", target_type="registry.household",
          target_id="H001", subject=None, at=None, changes=None, note="", target_repr=""):
    """One event, as importers and services write it (`audit_event`), at `at`."""
    if subject is None and target_type.startswith("registry."):
        subject = f"household:{target_id}" if target_type == "registry.household" else ""
    event = audit_event(actor=actor, action=action, target_type=target_type,
                        target_id=target_id, target_repr=target_repr, subject=subject or "",
                        changes=changes, note=note)
    if at is not None:
        event.at = at
    event.save()
    return event


def page(client, **filters):
    return client.get(reverse("core:audit_trail"), filters)


def listed(response):
    """The ids of the events the page lists, grouped views included."""
    return [event.pk for row in response.context["rows"] for event in row.events]


def table_text(response):
    """The visible text of the page's table (where the events read as sentences)."""
    html = response.content.decode()
    table = html[html.index("<table"):html.index("</table>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", table)).split())
