"""The JSON API lists the upcoming events (the tenant's hub first) with the places left, and
registers or cancels the tenant's household through the same services as the pages: the
waiting list, the messages and the refusals, with the reason in the tenant's language."""

from casa.events.models import Registration
from casa.events.services import registration_create
from casa.notifications.models import Message
from conftest import FISCAL_CODES


def test_a_tenant_registers_and_cancels_through_the_api(client, register, make_user,
                                                        make_event, make_household, organiser):
    event = make_event(capacity=3, max_people=3)
    elsewhere = make_event(title="A Lorenteggio", hub=register["hubs"]["lorenteggio"],
                           acting_user=make_user("programme_manager"))
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    listed = client.get("/api/v1/events").json()
    registered = client.post(f"/api/v1/events/{event.pk}/registration?people=2").json()

    assert [e["id"] for e in listed] == [event.pk, elsewhere.pk]
    assert listed[0]["free_places"] == 3 and listed[0]["registration"] is None
    assert registered["registration"] == {"status": "confirmed", "people": 2,
                                          "waiting_position": None}
    assert registered["free_places"] == 1
    waiting, _ = registration_create(event=event, household=make_household(), people=2,
                                     acting_user=organiser)
    assert waiting.status == "waiting"
    cancelled = client.delete(f"/api/v1/events/{event.pk}/registration").json()
    assert cancelled["registration"] is None
    assert Registration.objects.get(household__code="H001").status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Message.objects.filter(household=waiting.household, kind="events.promoted").exists()


def test_a_refusal_comes_back_with_the_reason(client, register, make_user, make_event,
                                              organiser):
    from casa.events.services import event_cancel

    event = make_event()
    event_cancel(event=event, reason="Maltempo", acting_user=organiser)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.post(f"/api/v1/events/{event.pk}/registration")

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Questo evento è stato annullato."
    assert not Registration.objects.exists()
    assert not Message.objects.filter(kind__startswith="events.registered").exists()
