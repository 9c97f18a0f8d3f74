"""A hub's Community Managers keep its page up to date through forms: contacts, services and
map point, opening hours, closures, the hours of each colleague at the desk. Another hub's pages
are not found for them; bad input gets a message in the user's language, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.hubs import selectors
from casa.hubs.models import Closure, HubProfile, OpeningPeriod, StaffHours

from .helpers import t


@pytest.fixture
def hub(register):
    return register["hubs"]["san-siro"]


@pytest.fixture
def manager(hub, make_user, client):
    user = make_user("community_manager", hubs=[hub])
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return user


def hours_data(**overrides):
    data = {f"d{day}_{part}_{end}": "" for day in range(7) for part in ("am", "pm")
            for end in ("from", "to")}
    data.update(overrides)
    return data


def test_a_community_manager_updates_contacts_services_and_the_map_point(client, hub, manager):
    response = client.post(reverse("hubs:manage", args=[hub.code]), {
        "phone": "+39 02 5550 2222", "email": "sansiro@casa.invalid",
        "about": "Vicino alla fermata Segesta.", "services": ["bills", "digital"],
        "latitude": "45,47012", "longitude": "9,14033"})
    assert response.status_code == 302
    hub.refresh_from_db()
    profile = HubProfile.objects.get(hub=hub)
    assert hub.phone == "+39 02 5550 2222"
    assert profile.services == ["bills", "digital"]
    assert str(profile.latitude) == "45.47012"
    event = AuditEvent.objects.get(target_type="hubs.hubprofile")
    assert event.actor == manager and event.changes["phone"][1] == "+39 02 5550 2222"
    html = client.get(reverse("hubs:hub_page", args=[hub.code])).content.decode()
    assert "Digital help desk" in html and "Vicino alla fermata Segesta." in html


def test_one_coordinate_alone_is_refused_with_a_message(client, hub, manager):
    response = client.post(reverse("hubs:manage", args=[hub.code]),
                           {"latitude": "45,47", "longitude": ""})
    assert response.status_code == 200
    assert "Enter both coordinates, or neither." in response.content.decode()
    assert not HubProfile.objects.filter(hub=hub).exists()


def test_opening_hours_are_saved_per_weekday(client, hub, manager):
    response = client.post(reverse("hubs:hours", args=[hub.code]), hours_data(
        d0_am_from="09:00", d0_am_to="13:00", d0_pm_from="14:00", d0_pm_to="18:00",
        d3_am_from="9:30", d3_am_to="12:30"))
    assert response.status_code == 302
    assert selectors.weekly_hours(hub) == {0: [(t("9:00"), t("13:00")), (t("14:00"), t("18:00"))],
                                           3: [(t("9:30"), t("12:30"))]}
    assert AuditEvent.objects.filter(target_type="hubs.openingperiod",
                                     target_id=hub.code).exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"d0_am_from": "13:00", "d0_am_to": "09:00"}, "The end must come after the start."),
    ({"d0_am_from": "09:00"}, "Enter both times, or neither."),
    ({"d0_am_from": "9 in the morning", "d0_am_to": "13:00"}, "Enter a valid time."),
    ({"d0_am_from": "09:00", "d0_am_to": "13:00", "d0_pm_from": "12:00", "d0_pm_to": "15:00"},
     "Monday: the periods overlap."),
])
def test_bad_hours_are_refused_with_a_message_and_nothing_changes(client, hub, manager, data,
                                                                 message):
    response = client.post(reverse("hubs:hours", args=[hub.code]), hours_data(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpeningPeriod.objects.filter(hub=hub).exists()


def test_bad_hours_are_explained_in_italian_too(client, hub, manager):
    client.cookies["django_language"] = "it"
    response = client.post(reverse("hubs:hours", args=[hub.code]),
                           hours_data(d0_am_from="13:00", d0_am_to="09:00"))
    assert "La fine deve venire dopo l&#x27;inizio." in response.content.decode()


def test_a_closure_is_added_and_removed(client, hub, manager):
    response = client.post(reverse("hubs:closures", args=[hub.code]), {
        "starts_on": "2027-08-02", "ends_on": "2027-08-20", "reason": "Chiusura estiva"})
    assert response.status_code == 302
    closure = Closure.objects.get(hub=hub)
    assert (closure.starts_on, closure.ends_on, closure.created_by) == (
        dt.date(2027, 8, 2), dt.date(2027, 8, 20), manager)
    client.post(reverse("hubs:closure_delete", args=[hub.code, closure.pk]))
    assert not Closure.objects.filter(hub=hub).exists()
    assert AuditEvent.objects.filter(target_type="hubs.closure", action="delete").exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"starts_on": "2027-08-20", "ends_on": "2027-08-02", "reason": "x"},
     "The last day comes before the first day."),
    ({"starts_on": "2027-08-02", "ends_on": "2207-08-20", "reason": "x"},
     "A period can last at most a year: check the dates."),
    ({"starts_on": "2027-08-02", "ends_on": "2027-08-20", "reason": "   "},
     "This field is required."),
    ({"starts_on": "02/08/2027x", "ends_on": "2027-08-20", "reason": "x"},
     "Enter a valid date."),
])
def test_a_bad_closure_is_refused_with_a_message(client, hub, manager, data, message):
    response = client.post(reverse("hubs:closures", args=[hub.code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Closure.objects.exists()


def test_a_colleagues_hours_at_the_desk_and_no_two_hubs_at_once(client, register, hub,
                                                                manager, make_user):
    other = register["hubs"]["lorenteggio"]
    colleague = make_user("community_manager", hubs=[hub, other])
    url = reverse("hubs:staff_hours", args=[hub.code, colleague.pk])
    assert client.post(url, hours_data(d1_am_from="09:00", d1_am_to="13:00")).status_code == 302
    assert StaffHours.objects.filter(user=colleague, hub=hub, weekday=1).exists()

    admin = make_user("admin")
    client.force_login(admin)
    response = client.post(reverse("hubs:staff_hours", args=[other.code, colleague.pk]),
                           hours_data(d1_am_from="12:00", d1_am_to="15:00"))
    assert response.status_code == 200
    assert "Tuesday: 12:00-15:00 overlaps the hours at San Siro." in response.content.decode()
    assert not StaffHours.objects.filter(user=colleague, hub=other).exists()


def test_another_hubs_pages_are_not_found_for_a_community_manager(client, register, manager):
    other = register["hubs"]["lorenteggio"]
    for name in ("hubs:manage", "hubs:hours", "hubs:closures"):
        assert client.get(reverse(name, args=[other.code])).status_code == 404
    assert client.post(reverse("hubs:closures", args=[other.code]), {
        "starts_on": "2027-08-02", "ends_on": "2027-08-20", "reason": "x"}).status_code == 404
    assert not Closure.objects.exists()


def test_staff_of_another_hub_have_no_hours_page_here(client, register, hub, manager,
                                                      make_user):
    stranger = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    assert client.get(reverse("hubs:staff_hours", args=[hub.code, stranger.pk])
                      ).status_code == 404
