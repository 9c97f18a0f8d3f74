"""Community Managers create and change the events of their own hubs (programme managers at
every hub). Bad values are refused with a message next to the field and nothing is saved;
fewer places than the people already registered are refused; more places promote the waiting
list; a new time or place is told to every household registered."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.events.models import Event
from casa.events.services import registration_create
from casa.notifications.models import Message


def form(**values):
    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    data = {"hub": "", "title": "Corso risparmio energetico", "description": "",
            "day": day, "start": "17:00", "end": "19:00", "place": "Sala comune",
            "capacity": "12", "max_people": "2"}
    data.update(values)
    return data


def test_a_community_manager_creates_an_event_at_their_hub(client, register, organiser):
    client.force_login(organiser)

    response = client.post(reverse("events:new"),
                           form(hub=register["hubs"]["san-siro"].pk))

    event = Event.objects.get()
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    local = timezone.localtime(event.starts_at)
    assert (local.hour, local.minute, str(local.tzinfo)) == (17, 0, "Europe/Rome")
    assert (event.capacity, event.max_people, event.created_by) == (12, 2, organiser)


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"title": ""}, "title", "This field is required."),
    ({"end": "16:00"}, "end", "The event must end after it starts."),
    ({"day": "2020-01-10"}, "start", "The event must start in the future."),
    ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
    ({"capacity": "2", "max_people": "3"}, "max_people",
     "A household cannot bring more people than the places."),
    ({"hub": "lorenteggio"}, "hub", "Select a valid choice"),
    ({"day": "0001-01-01", "start": "00:10"}, "day", "Enter a valid date."),
])
def test_bad_values_are_refused_next_to_their_field(client, register, organiser, values,
                                                    field, message):
    hub = values.pop("hub", "san-siro")
    client.cookies["django_language"] = "en"
    client.force_login(organiser)

    response = client.post(reverse("events:new"), form(hub=register["hubs"][hub].pk, **values))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "The event was not saved." in response.content.decode()
    assert not Event.objects.exists()


def test_fewer_places_than_people_registered_are_refused(client, register, make_event,
                                                         make_household, organiser):
    event = make_event(capacity=5)
    registration_create(event=event, household=make_household(), people=4,
                        acting_user=organiser)
    client.cookies["django_language"] = "en"
    client.force_login(organiser)

    response = client.post(reverse("events:edit", args=[event.pk]),
                           form(capacity="3", max_people="2"))

    assert ("4 people are already registered: the places cannot be fewer."
            in " ".join(response.context["form"].errors["capacity"]))
    event.refresh_from_db()
    assert event.capacity == 5


def test_more_places_promote_the_waiting_list(client, register, make_event, make_household,
                                              organiser):
    event = make_event(capacity=1, max_people=1)
    registration_create(event=event, household=make_household(), people=1,
                        acting_user=organiser)
    waiting, _ = registration_create(event=event, household=make_household(), people=1,
                                     acting_user=organiser)
    starts = timezone.localtime(event.starts_at)
    client.force_login(organiser)

    client.post(reverse("events:edit", args=[event.pk]), form(
        day=starts.date().isoformat(), start="17:00", end="19:00", title=event.title,
        place=event.place, capacity="2", max_people="1"))

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Message.objects.filter(household=waiting.household, kind="events.promoted").exists()
    assert not Message.objects.filter(kind="events.changed").exists()


def test_a_new_time_is_told_to_every_household_registered(client, register, make_event,
                                                          make_household, organiser):
    event = make_event()
    household = make_household()
    registration_create(event=event, household=household, people=1, acting_user=organiser)
    client.force_login(organiser)

    client.post(reverse("events:edit", args=[event.pk]), form(start="18:00", end="20:00",
                                                               capacity="10", max_people="4"))

    message = Message.objects.get(household=household, kind="events.changed", channel="app")
    assert "18:00" in message.body and "20:00" in message.body


def test_a_community_manager_of_another_hub_cannot_change_it(client, register, make_user,
                                                             make_event):
    event = make_event()
    client.force_login(make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))

    assert client.post(reverse("events:edit", args=[event.pk]), form()).status_code == 404
