"""Events in the JSON API, for tenants: the upcoming events (those of their hub first) and one
event, each with the places left and the household's registration; registering the household
(with the number of people) and cancelling. Same selectors and services as the pages; every
operation requires a session (casa/api.py) and the tenant's capability."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from casa.core.access import require
from casa.core.api import invalid, refusals
from casa.registry.selectors import tenant_household

from . import selectors, services

router = Router(tags=["events"])


class EventHubOut(Schema):
    code: str
    name: str


class RegistrationOut(Schema):
    status: str
    people: int
    waiting_position: int | None


class EventOut(Schema):
    id: int
    hub: EventHubOut
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    capacity: int
    max_people: int
    free_places: int
    waiting: int
    cancelled: bool
    cancel_reason: str
    registration: RegistrationOut | None


def _registration(registration):
    if registration is None:
        return None
    return {"status": registration.status, "people": registration.people,
            "waiting_position": selectors.waiting_position(registration)}


def _event(event, household):
    places = selectors.places(event)
    return {
        "id": event.pk, "hub": {"code": event.hub.code, "name": event.hub.name},
        "title": event.title, "description": event.description,
        "starts_at": event.starts_at, "ends_at": event.ends_at, "place": event.place,
        "capacity": event.capacity, "max_people": min(event.max_people, event.capacity),
        "free_places": places["free"], "waiting": places["waiting"],
        "cancelled": event.is_cancelled, "cancel_reason": event.cancel_reason,
        "registration": _registration(selectors.active_registration(event, household)),
    }


def _event_or_404(event_id):
    event = selectors.event_for_tenant(event_id)
    if event is None:
        raise Http404
    return event


def _refused(error: ValidationError, field):
    """A service's refusal as django-ninja's 422, in the caller's language."""
    raise invalid(("query", field), *error.messages)


# No session: 401. Not a tenant: 403. A control character anywhere: 422 (every operation).
@router.get("events", response={200: list[EventOut], **refusals(401, 403)},
            url_name="event_list", summary="Upcoming events")
def event_list(request):
    """The upcoming events of every Spazio CASA, those of the tenant's hub first."""
    user = require(request, "events.take_part")
    household = tenant_household(user)
    mine, others = selectors.for_tenant(household)
    return [_event(event, household) for event in [*mine, *others]]


# No session: 401. Not a tenant: 403. No such event: 404.
@router.get("events/{event_id}", response={200: EventOut, **refusals(401, 403, 404)},
            url_name="event_detail", summary="One event")
def event_detail(request, event_id: int):
    user = require(request, "events.take_part")
    return _event(_event_or_404(event_id), tenant_household(user))


# No session: 401. Not a tenant: 403. No such event: 404. Refused (cancelled or started
# event, too many people, no household): 422 with the reason, as a parameter that cannot be
# read.
@router.post("events/{event_id}/registration",
             response={200: EventOut, **refusals(401, 403, 404)},
             url_name="event_registration", summary="Register my household")
def event_register(request, event_id: int, people: int = 1):
    """Register the tenant's household for `people` people: confirmed if they fit and nobody
    waits, else on the waiting list. Registering again returns the registration."""
    user = require(request, "events.take_part")
    event = _event_or_404(event_id)
    household = tenant_household(user)
    if household is None:
        _refused(ValidationError(_("Your account is not linked to a household yet: ask your "
                                   "Spazio CASA.")), "people")
    try:
        services.registration_create(event=event, household=household, people=people,
                                     acting_user=user)
    except ValidationError as error:
        _refused(error, "people")
    return _event(event, household)


# No session: 401. Not a tenant: 403. No such event, or not registered: 404. Refused (the
# event has started): 422.
@router.delete("events/{event_id}/registration",
               response={200: EventOut, **refusals(401, 403, 404)},
               url_name="event_registration_cancel", summary="Cancel my registration")
def event_cancel_registration(request, event_id: int):
    user = require(request, "events.take_part")
    event = _event_or_404(event_id)
    household = tenant_household(user)
    registration = selectors.active_registration(event, household)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration, acting_user=user)
    except ValidationError as error:
        _refused(error, "event_id")
    return _event(event, household)

