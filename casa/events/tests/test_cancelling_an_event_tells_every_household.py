"""Cancelling a whole event needs a reason and sends it to every household registered or
waiting (once, even if cancelled twice); households that had cancelled get nothing. Tenants
see the event as cancelled and can no longer register."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casa.events.services import event_cancel, registration_cancel, registration_create
from casa.notifications.models import Message
from conftest import FISCAL_CODES


def test_every_household_registered_or_waiting_gets_the_reason(
    client, register, make_user, make_event, make_household, organiser
):
    event = make_event(capacity=1, max_people=1)
    confirmed, waiting, gone = make_household(), make_household(), make_household()
    for household in (confirmed, waiting, gone):
        registration_create(event=event, household=household, people=1, acting_user=organiser)
    registration_cancel(registration=gone.event_registrations.get(), acting_user=organiser)
    client.force_login(organiser)

    response = client.post(reverse("events:cancel_event", args=[event.pk]),
                           {"reason": "La sala è inagibile."})
    client.post(reverse("events:cancel_event", args=[event.pk]), {"reason": "Di nuovo"})

    assert response.status_code == 302
    told = sorted(Message.objects.filter(kind="events.cancelled", channel="app")
                  .values_list("household__code", flat=True))
    assert told == sorted([confirmed.code, waiting.code])
    message = Message.objects.filter(kind="events.cancelled", channel="app").first()
    assert "La sala è inagibile." in message.body
    event.refresh_from_db()
    assert event.is_cancelled and event.cancel_reason == "La sala è inagibile."


def test_the_tenant_sees_it_cancelled_and_cannot_register(client, register, make_user,
                                                          make_event, organiser):
    event = make_event()
    event_cancel(event=event, reason="Maltempo", acting_user=organiser)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    page = client.get(reverse("events:my_event", args=[event.pk]))

    assert "Maltempo" in page.content.decode()
    assert 'id="register-form"' not in page.content.decode()
    assert event not in client.get(reverse("events:my_events")).context["at_my_hub"]


def test_a_reason_is_needed(register, make_event, organiser, english):
    event = make_event()

    with pytest.raises(ValidationError) as refused:
        event_cancel(event=event, reason="  ", acting_user=organiser)

    assert "Write why the event is cancelled" in str(refused.value)
    event.refresh_from_db()
    assert not event.is_cancelled


def test_a_community_manager_of_another_hub_cannot_cancel_it(client, register, make_user,
                                                             make_event):
    event = make_event()
    other = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(other)

    assert client.post(reverse("events:cancel_event", args=[event.pk]),
                       {"reason": "No"}).status_code == 404
    with pytest.raises(ValidationError):
        event_cancel(event=event, reason="No", acting_user=other)
    event.refresh_from_db()
    assert not event.is_cancelled
