"""A hub's staff set how long a meeting on each topic lasts; tenants then book slots of that
length. A length out of range is refused with a message."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.appointments.booking import get_agenda
from casa.appointments.models import TopicLength

from .helpers import MONDAY, rome

pytestmark = pytest.mark.usefixtures("frozen")


def lengths(**changes):
    data = {"bills": 30, "isee": 30, "energy": 30, "neighbours": 45, "home_visit": 60,
            "other": 30}
    data.update(changes)
    return data


def test_a_longer_home_visit_gives_longer_slots(client, hub, manager, tenant):
    client.force_login(manager)
    response = client.post(reverse("appointments:topic_lengths", args=[hub.code]),
                           lengths(home_visit=90))
    assert response.status_code == 302
    assert list(TopicLength.objects.values_list("topic", "minutes")) == [("home_visit", 90)]
    wednesday = MONDAY + dt.timedelta(days=2)
    slots = get_agenda().times(hub, "home_visit", wednesday, acting_user=tenant)
    assert [(slot.starts_at, slot.ends_at) for slot in slots] == [
        (rome(wednesday, 9), rome(wednesday, 10, 30)),
        (rome(wednesday, 10, 30), rome(wednesday, 12))]


def test_a_length_out_of_range_is_refused(client, hub, manager):
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("appointments:topic_lengths", args=[hub.code]),
                           lengths(bills=5))
    assert "Ensure this value is greater than or equal to 10." in response.content.decode()
    assert not TopicLength.objects.exists()
