"""Each Spazio CASA has a public page: address with a plain map link, phone, weekly hours,
whether it is open today (Europe/Rome), closures and holidays to come, staff on duty, services,
and what other apps add (events)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casa.core.panels import _PANELS, register_panel
from casa.hubs import services
from casa.hubs.panels import HUB_PAGE

from .helpers import ACTOR, at_desk, open_hub, weekdays

ROME = ZoneInfo("Europe/Rome")
WEDNESDAY_10 = dt.datetime(2026, 12, 2, 10, 0, tzinfo=ROME)


@pytest.fixture
def hub(register, english):
    return open_hub(register["hubs"]["san-siro"],
                    hours=weekdays(("9:00", "13:00"), ("14:00", "17:30")))


def page(client, hub):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("hubs:hub_page", args=[hub.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_sees_the_address_map_link_phone_and_weekly_hours(client, hub):
    html = page(client, hub)
    assert "Piazza Selinunte 1" in html
    assert "https://www.openstreetmap.org/?mlat=45.47000&amp;mlon=9.14000" in html
    assert 'href="tel:+390255501005"' in html
    assert "9:00–13:00</span> and <span" in html and "14:00–17:30" in html
    assert "Saturday</th>\n              <td>closed" in html
    assert "openstreetmap.org/" in html and "<script src=\"https://" not in html


def test_open_now_at_ten_on_a_wednesday_and_the_staff_at_the_desk(client, hub, make_user):
    manager = make_user("community_manager", hubs=[hub])
    at_desk(manager, hub)
    away = at_desk(make_user("community_manager", hubs=[hub], email="away@example.invalid"),
                   hub)
    services.absence_add(user=away, starts_on=dt.date(2026, 12, 2),
                         ends_on=dt.date(2026, 12, 4), reason="leave", acting_user=away)
    with time_machine.travel(WEDNESDAY_10, tick=False):
        html = page(client, hub)
    assert 'data-hub-today="open"' in html and "Open now" in html
    assert "At the desk today" in html
    assert f"{manager.get_full_name()} (Community Manager)" in html
    assert "away@example.invalid" not in html.split("At the desk today")[1].split("</ul>")[0]


def test_at_lunch_time_it_says_when_it_opens_again(client, hub):
    with time_machine.travel(WEDNESDAY_10.replace(hour=13, minute=30), tick=False):
        html = page(client, hub)
    assert "Open today" in html and "Opens at 14:00." in html


def test_on_a_closure_it_is_closed_today_with_the_reason(client, hub):
    services.closure_add(hub=hub, starts_on=dt.date(2026, 12, 2), ends_on=dt.date(2026, 12, 3),
                         reason="Lavori all'impianto elettrico", acting_user=ACTOR)
    with time_machine.travel(WEDNESDAY_10, tick=False):
        html = page(client, hub)
    assert 'data-hub-today="closed"' in html
    assert "Closed today</strong>: Lavori all&#x27;impianto elettrico." in html
    assert "From 02/12/2026 to 03/12/2026: Lavori" in html


def test_on_a_holiday_it_is_closed_and_coming_holidays_are_listed(client, hub):
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, 0, tzinfo=ROME), tick=False):
        html = page(client, hub)
    assert "Closed today</strong>: Immaculate Conception." in html
    assert "Friday 25/12/2026: Christmas Day" in html


def test_today_is_the_day_in_rome_not_in_utc(client, hub):
    # 23:30 UTC on Friday 4 December is already Saturday 5 December in Rome.
    with time_machine.travel(dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC), tick=False):
        html = page(client, hub)
    assert "Today, Saturday 05/12/2026" in html
    assert 'data-hub-today="closed"' in html


def test_other_apps_add_their_panels_to_the_page(client, hub):
    def events_panel(request, hub):
        return "hubs/includes/periods.html", {"periods": [(dt.time(18, 0), dt.time(19, 45))]}

    register_panel(HUB_PAGE, events_panel)
    try:
        html = page(client, hub)
    finally:
        _PANELS[HUB_PAGE].pop(f"{events_panel.__module__}.{events_panel.__qualname__}")
    assert "18:00–19:45" in html


def test_a_hub_that_does_not_exist_is_not_found(client, register):
    assert client.get(reverse("hubs:hub_page", args=["nowhere"])).status_code == 404


def test_the_list_of_hubs_says_which_are_open_today(client, hub, register):
    client.cookies["django_language"] = "en"
    with time_machine.travel(WEDNESDAY_10, tick=False):
        html = client.get(reverse("hubs:hub_list")).content.decode()
    assert reverse("hubs:hub_page", args=["san-siro"]) in html
    assert reverse("hubs:hub_page", args=["lorenteggio"]) in html
    assert "Open today: <span" in html


def test_the_phone_button_says_call_as_a_verb_in_every_language(client, hub):
    """"Call" the button and "Call" the energy call were one message: the button read "Avviso"
    (the call for applications) in Italian. The button's has its own context now."""
    number = "+39 02 5550 1005"
    for language, label in (("it", f"Chiama {number}"), ("es", f"Llamar {number}"),
                            # Arabic: the number isolated left to right
                            ("ar", f"اتصل \u2066{number}\u2069")):
        client.cookies["django_language"] = language
        html = client.get(reverse("hubs:hub_page", args=[hub.code])).content.decode()
        button = html[html.index('href="tel:+390255501005"'):]
        assert button[:button.index("</a>")].rstrip().endswith(label), language
