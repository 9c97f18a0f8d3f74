"""Fixtures for the activities' tests: a Community Manager of San Siro, an activity there with
a session today, and a receiver of the register's support_given signal, all built through the
real services."""

import datetime as dt

import pytest
from django.utils import timezone

from casa.activities.services import activity_create, session_create
from casa.registry.signals import support_given


@pytest.fixture
def manager(register, make_user):
    """A Community Manager of San Siro."""
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def make_activity(register, manager):
    def make(**values):
        values.setdefault("hub", register["hubs"]["san-siro"])
        values.setdefault("title", "Sportello digitale")
        values.setdefault("kind", "digital_help")
        values.setdefault("acting_user", manager)
        return activity_create(**values)

    return make


@pytest.fixture
def make_session(make_activity, manager):
    """make_session(activity=None, day=today) -> a session from 10:00 to 12:00."""

    def make(activity=None, **values):
        values.setdefault("day", timezone.localdate())
        values.setdefault("starts_at", dt.time(10, 0))
        values.setdefault("ends_at", dt.time(12, 0))
        values.setdefault("place", "Sala comune")
        values.setdefault("acting_user", manager)
        return session_create(activity=activity or make_activity(), **values)

    return make


@pytest.fixture
def received():
    """Every support_given signal sent while the test runs, as a list of its arguments."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    support_given.connect(receiver, weak=False)
    yield calls
    support_given.disconnect(receiver)


def head(household):
    return household.members.current().get(relation="head")
