"""A tenant registers their household for an event with the number of people coming: within
the places it is confirmed, beyond them it goes on the waiting list with its position, and
the household gets a message either way. A second click registers once."""

from django.urls import reverse

from casa.core.models import AuditEvent
from casa.events.models import Registration
from casa.events.services import registration_create
from casa.notifications.models import Message
from conftest import FISCAL_CODES


def register_as_tenant(client, make_user, event, people, fiscal_code=FISCAL_CODES[0]):
    from casa.accounts.models import User

    tenant = (User.objects.filter(fiscal_code=fiscal_code).first()
              or make_user("tenant", fiscal_code=fiscal_code))
    client.force_login(tenant)
    return client.post(reverse("events:register", args=[event.pk]), {"people": people},
                       follow=True)


def test_the_tenant_registers_and_gets_a_confirmation(client, register, make_user,
                                                      make_event):
    event = make_event(capacity=5)

    page = register_as_tenant(client, make_user, event, 2)

    registration = Registration.objects.get()
    assert (registration.household.code, registration.people, registration.status) == (
        "H001", 2, "confirmed")
    assert not registration.on_behalf
    assert page.context["registration"] == registration
    assert page.context["places"]["free"] == 3
    assert sorted(Message.objects.values_list("channel", "kind")) == [
        ("app", "events.registered"), ("email", "events.registered")]
    assert AuditEvent.objects.filter(target_type="events.registration", action="create",
                                     subject="household:H001").exists()


def test_when_the_places_are_taken_the_household_waits_with_its_position(
    client, register, make_user, make_event, make_household, organiser
):
    event = make_event(capacity=3, max_people=3)
    first = make_household()
    registration_create(event=event, household=first, people=3, acting_user=organiser)

    page = register_as_tenant(client, make_user, event, 1)

    mine = Registration.objects.get(household__code="H001")
    assert mine.status == "waiting"
    assert page.context["position"] == 1
    assert Message.objects.filter(household__code="H001", kind="events.waiting",
                                  channel="app").exists()


def test_nobody_jumps_the_waiting_list(register, make_event, make_household, organiser):
    event = make_event(capacity=4)
    big, small, late = make_household(), make_household(), make_household()
    registration_create(event=event, household=big, people=3, acting_user=organiser)
    waiting, _ = registration_create(event=event, household=small, people=2,
                                     acting_user=organiser)

    latecomer, _ = registration_create(event=event, household=late, people=1,
                                       acting_user=organiser)

    assert (waiting.status, latecomer.status) == ("waiting", "waiting")


def test_a_second_click_registers_once(client, register, make_user, make_event):
    event = make_event()

    register_as_tenant(client, make_user, event, 2)
    page = register_as_tenant(client, make_user, event, 2)

    assert Registration.objects.count() == 1
    assert Message.objects.filter(channel="app").count() == 1
    assert page.status_code == 200


def test_more_people_than_allowed_are_refused_with_a_message(client, register, make_user,
                                                             make_event, english):
    event = make_event(capacity=10, max_people=3)
    client.cookies["django_language"] = "en"

    page = register_as_tenant(client, make_user, event, 5)

    assert not Registration.objects.exists()
    assert "Select a valid choice" in page.content.decode()


def test_a_cancelled_or_started_event_takes_no_registration(client, register, make_user,
                                                            make_event, organiser, english):
    from casa.events.services import event_cancel

    event = make_event()
    event_cancel(event=event, reason="Maltempo", acting_user=organiser)
    client.cookies["django_language"] = "en"

    page = register_as_tenant(client, make_user, event, 1)

    assert not Registration.objects.exists()
    assert "This event was cancelled." in page.content.decode()
