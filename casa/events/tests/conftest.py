"""Fixtures for the events' tests: an organiser, `make_event` through the service, households
and their tenants, all built through the real services."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from casa.events.services import event_create
from casa.registry.models import Building, Household, Member, Unit

_numbers = itertools.count(1)


@pytest.fixture
def organiser(register, make_user):
    """A Community Manager of San Siro."""
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def make_event(register, organiser):
    """make_event(**values) -> an event at San Siro tomorrow at 17:00, 10 places."""

    def make(**values):
        start = timezone.localtime() + dt.timedelta(days=1)
        start = start.replace(hour=17, minute=0, second=0, microsecond=0)
        values.setdefault("hub", register["hubs"]["san-siro"])
        values.setdefault("title", "Sportello digitale")
        values.setdefault("starts_at", start)
        values.setdefault("ends_at", start + dt.timedelta(hours=2))
        values.setdefault("place", "Sala comune")
        values.setdefault("capacity", 10)
        values.setdefault("acting_user", organiser)
        return event_create(**values)

    return make


@pytest.fixture
def make_household(register):
    """make_household(email=...) -> a new household in building B001 (San Siro), with a head
    whose fiscal code is returned as `household.head_code`."""

    def make(*, email="famiglia@example.invalid", building="B001"):
        number = next(_numbers)
        code = f"H9{number:03d}"
        unit = Unit.objects.create(code=f"U-{code}", building=Building.objects.get(
            code=building), entrance="A", floor="1", door=str(number))
        household = Household.objects.create(code=code, unit=unit, rent_band="protezione",
                                             tenancy_start=dt.date(2016, 1, 1), email=email)
        household.head_code = f"TSTHHD80A01F{number:03d}X"
        Member.objects.create(household=household, fiscal_code=household.head_code,
                              first_name="Anna", last_name=f"Test{number}",
                              birth_date=dt.date(1980, 1, 1), sex="F", relation="head",
                              citizenship="IT")
        return household

    return make
