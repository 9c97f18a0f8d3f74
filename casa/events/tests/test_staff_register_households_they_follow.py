"""Staff register a household on its behalf (at the desk, on the phone) by its code or a
member's fiscal code: only a household they follow, for an event of their hubs. The household
gets a message, and the registration records who made it."""

from django.urls import reverse

from casa.events.models import Registration
from casa.notifications.models import Message


def test_a_community_manager_registers_a_household_of_their_hub_by_fiscal_code(
    client, register, make_event, make_household, organiser
):
    event = make_event()
    household = make_household()
    client.force_login(organiser)

    response = client.post(reverse("events:register_household", args=[event.pk]),
                           {"household": household.head_code.lower(), "people": 3})

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.household, registration.people, registration.on_behalf,
            registration.registered_by) == (household, 3, True, organiser)
    assert Message.objects.filter(household=household, kind="events.registered").exists()


def test_care_staff_register_a_household_they_follow(client, register, make_user, make_event):
    event = make_event()
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    client.force_login(care)

    response = client.post(reverse("events:register_household", args=[event.pk]),
                           {"household": "H001", "people": 1})

    assert response.status_code == 302
    assert Registration.objects.get().household.code == "H001"


def test_a_household_they_do_not_follow_is_refused_with_a_message(client, register,
                                                                  make_event, organiser,
                                                                  english):
    event = make_event()
    client.cookies["django_language"] = "en"
    client.force_login(organiser)

    response = client.post(reverse("events:register_household", args=[event.pk]),
                           {"household": "H002", "people": 1})  # Lorenteggio

    assert response.status_code == 200
    assert ("No current household with this code or fiscal code among those you follow."
            in response.content.decode())
    assert not Registration.objects.exists()


def test_an_event_of_another_hub_is_not_found(client, register, make_user, make_event):
    event = make_event()
    other = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(other)

    assert client.post(reverse("events:register_household", args=[event.pk]),
                       {"household": "H002", "people": 1}).status_code == 404
    assert not Registration.objects.exists()


def test_the_service_refuses_a_tenant_registering_another_household(register, make_user,
                                                                    make_event):
    import pytest
    from django.core.exceptions import ValidationError

    from casa.events.services import registration_create
    from conftest import FISCAL_CODES

    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])  # H001
    with pytest.raises(ValidationError):
        registration_create(event=make_event(), household=register["households"]["H002"],
                            people=1, acting_user=tenant)
    assert not Registration.objects.exists()
