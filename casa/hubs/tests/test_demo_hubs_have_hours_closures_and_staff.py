"""The nine hubs of the demo have realistic hours, closures (August, Christmas, St Ambrose in
Milan) and staff at the desk; every neighbourhood of the demo register has a point, so every
building without a hub gets a nearest one."""

import datetime as dt

import pytest

from casa.hubs import selectors
from casa.hubs.demo import create_hub_demo
from casa.hubs.models import Closure, HubProfile, OpeningPeriod, Place, StaffHours
from casa.hubs.opening import overlapping
from casa.registry.demo import _AREAS, create_hubs

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def demo(db):
    hubs = create_hubs()
    create_hub_demo(today=TODAY)
    return hubs


def test_the_nine_hubs_have_a_page_hours_and_a_point_on_the_map(demo):
    assert len(demo) == 9
    for hub in demo:
        assert OpeningPeriod.objects.filter(hub=hub).count() >= 4, hub
        profile = HubProfile.objects.get(hub=hub)
        assert profile.latitude and profile.services and profile.about


def test_each_hub_closes_in_august_and_at_christmas(demo):
    for hub in demo:
        reasons = {closure.reason: closure for closure in Closure.objects.filter(hub=hub)}
        assert reasons["Chiusura estiva"].starts_on == dt.date(2027, 8, 3)
        assert reasons["Chiusura per le feste di Natale"].ends_on == dt.date(2027, 1, 2)
        assert ("Sant'Ambrogio, patrono di Milano" in reasons) == (hub.municipality == "Milano")
        assert not selectors.opening_today(hub, dt.date(2027, 8, 10)).is_open


def test_each_hub_has_community_managers_at_the_desk_and_nobody_is_in_two_places(demo):
    for hub in demo:
        managers = selectors.community_managers(hub)
        assert managers, hub
        assert StaffHours.objects.filter(hub=hub, user__in=managers).exists(), hub
    by_user = {}
    for row in StaffHours.objects.all():
        by_user.setdefault((row.user_id, row.weekday), []).append((row.starts_at, row.ends_at))
    assert not any(overlapping(periods) for periods in by_user.values())


def test_every_neighbourhood_of_the_demo_register_has_a_point(demo):
    known = set(Place.objects.values_list("municipality", "neighbourhood"))
    for _hub, neighbourhood, municipality, *_rest in _AREAS:
        assert (municipality, neighbourhood) in known


def test_running_it_twice_changes_nothing(demo):
    counts = (Closure.objects.count(), StaffHours.objects.count(), Place.objects.count())
    create_hub_demo(today=TODAY)
    assert (Closure.objects.count(), StaffHours.objects.count(), Place.objects.count()) == counts
