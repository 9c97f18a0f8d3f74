"""Hubs made ready through the real services: hours, staff and their hours at the desk."""

import datetime as dt
from decimal import Decimal

from casa.hubs import services

ACTOR = "tests"


def t(text):
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def weekdays(*pairs, days=range(5)):
    """{weekday: [(start, end)]} with the same periods on each of `days` (Monday to Friday)."""
    return {day: [(t(start), t(end)) for start, end in pairs] for day in days}


def open_hub(hub, *, hours=None, lat="45.47000", lon="9.14000"):
    """Give the hub weekday hours (9:00-13:00 unless `hours`) and a point on the map."""
    services.hub_hours_set(hub=hub, weekly=hours or weekdays(("9:00", "13:00")),
                           acting_user=ACTOR)
    services.hub_page_update(hub=hub, phone=hub.phone or "+39 02 5550 1005",
                             email=hub.email, about="", services=["listening"],
                             latitude=Decimal(lat), longitude=Decimal(lon), acting_user=ACTOR)
    return hub


def at_desk(user, hub, hours=None):
    """The staff member works at the hub (9:00-13:00 on weekdays unless `hours`)."""
    services.staff_hours_set(hub=hub, user=user, weekly=hours or weekdays(("9:00", "13:00")),
                             acting_user=ACTOR)
    return user
