"""A Spazio CASA ready for bookings, built through the real services: San Siro open on weekdays
9:00-13:00, a Community Manager at the desk then, and a tenant of household H001 there.

The tests travel to Monday 30 November 2026, 8:00 in Rome (`at(...)`): with the 2-hour lead
the tenant's first free time is 10:00 that day; Tuesday 8 December is a public holiday."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casa.hubs.tests.helpers import at_desk, open_hub
from conftest import FISCAL_CODES

ROME = ZoneInfo("Europe/Rome")
MONDAY = dt.date(2026, 11, 30)


def rome(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ROME)


def at(moment):
    """Travel to `moment` (frozen) for the block."""
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def frozen():
    with at(rome(MONDAY, 8)):
        yield rome(MONDAY, 8)


@pytest.fixture
def hub(register):
    return open_hub(register["hubs"]["san-siro"])


@pytest.fixture
def manager(hub, make_user):
    user = make_user("community_manager", hubs=[hub], email="chiara@example.invalid")
    user.first_name, user.last_name = "Chiara", "Colombo"
    user.save()
    return at_desk(user, hub)


@pytest.fixture
def tenant(register, make_user):
    return make_user("tenant", fiscal_code=FISCAL_CODES[0])


@pytest.fixture
def household(register):
    return register["households"]["H001"]
