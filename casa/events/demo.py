"""Demo events at every Spazio CASA over the next two weeks, created through the real service
by the hub's Community Manager (or the programme manager where a hub has none): the digital
help desk, an energy-saving course and a workshop. Safe to run twice (nothing is created
again)."""

import datetime as dt

from django.utils import timezone

from casa.registry.models import Hub

from .models import Event
from .services import event_create

# (title, description, days from today, start hour, hours, place, places, people per household)
EVENTS = (
    ("Sportello digitale: SPID, app CASA e bollette online",
     "Portate il telefono e un documento: vi aiutiamo ad attivare lo SPID, a usare l'app CASA "
     "e a leggere le bollette online.", 2, 10, 2, "Sala comune dello Spazio CASA", 8, 2),
    ("Risparmiare sul riscaldamento",
     "Come leggere la bolletta del riscaldamento, regolare le valvole e arieggiare la casa "
     "senza sprecare energia; il contributo energetico spiegato.", 5, 17, 2,
     "Sala comune dello Spazio CASA", 20, 3),
    ("Laboratorio di cucito",
     "Per chi vuole imparare a riparare e riutilizzare i vestiti: le macchine da cucire le "
     "mettiamo noi.", 9, 15, 2, "Laboratorio al piano terra", 10, 2),
)


def next_weekday(day):
    while day.weekday() >= 5:  # Saturday, Sunday
        day += dt.timedelta(days=1)
    return day


def create_demo_events(*, programme_manager, managers, today=None):
    """The demo events at every hub (none if there are already events). Returns them."""
    if Event.objects.exists():
        return []
    today = today or timezone.localdate()
    organiser_of = {}
    for manager in managers:
        for hub in manager.hubs.all():
            organiser_of.setdefault(hub.pk, manager)
    created = []
    for index, hub in enumerate(Hub.objects.order_by("name")):
        organiser = organiser_of.get(hub.pk, programme_manager)
        for title, description, days, hour, hours, place, places, people in EVENTS:
            day = next_weekday(today + dt.timedelta(days=days + index % 3))
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
            created.append(event_create(
                hub=hub, title=title, description=description, starts_at=starts,
                ends_at=starts + dt.timedelta(hours=hours), place=place, capacity=places,
                max_people=people, acting_user=organiser))
    return created
