"""A Spazio CASA's public page shows its upcoming events through the panel this app registers
for the place "hubs.page" (casa/core/panels.py), so that the hubs app need not import events;
`selectors.upcoming_for_hub` gives the same events to the tenant's home."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casa.events import selectors
from casa.events.models import Event
from casa.events.services import event_cancel, registration_create


def hub_page(hub):
    """The hub's public page as a visitor sees it (the hubs app renders the place)."""
    response = Client().get(reverse("hubs:hub_page", kwargs={"code": hub.code}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_hub_page_lists_its_upcoming_events_with_the_places_left(
    register, make_event, make_household, organiser
):
    san_siro = register["hubs"]["san-siro"]
    soon = make_event(title="Sportello digitale", capacity=3, max_people=3)
    later = make_event(title="Corso di cucito",
                       starts_at=soon.starts_at + dt.timedelta(days=2),
                       ends_at=soon.ends_at + dt.timedelta(days=2))
    cancelled = make_event(title="Gita annullata")
    event_cancel(event=cancelled, reason="Pioggia", acting_user=organiser)
    past = make_event(title="Passato")
    Event.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(days=2),
                                            ends_at=timezone.now() - dt.timedelta(days=2,
                                                                                  hours=-1))
    registration_create(event=soon, household=make_household(), people=2,
                        acting_user=organiser)

    html = hub_page(san_siro)

    assert html.index("Sportello digitale") < html.index("Corso di cucito")
    assert "Gita annullata" not in html and "Passato" not in html
    assert "1 posto libero" in html
    assert [event.title for event in selectors.upcoming_for_hub(san_siro)] == [
        "Sportello digitale", "Corso di cucito"]
    assert later in selectors.upcoming_for_hub(san_siro)


def test_another_hubs_events_are_not_on_its_page(register, make_event):
    make_event(title="Sportello digitale")

    html = hub_page(register["hubs"]["lorenteggio"])

    assert "Sportello digitale" not in html
    assert "Nessun evento in programma" in html
