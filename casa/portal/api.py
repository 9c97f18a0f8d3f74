"""A tenant's "My home" in the JSON API: the same `Home` as the page (casa/portal/home.py), for
a native app. Every operation requires a session (casa/api.py) and the tenant's capability; a
tenant whose account is linked to no current household gets 404."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from casa.core.access import require
from casa.core.api import refusals
from casa.registry.selectors import tenant_household

from .home import home_for

router = Router(tags=["my home"])


class HomePeriodOut(Schema):
    opens: dt.time
    closes: dt.time


class HomeHubOut(Schema):
    code: str
    name: str
    address: str
    municipality: str
    phone: str
    email: str
    map_url: str
    nearest: bool  # the building has no hub yet: this is the nearest one
    open_today: list[HomePeriodOut]  # empty: closed today
    closed_because: str  # a closure's reason or a holiday's name, when closed
    community_managers: list[str]


class HomeAppointmentOut(Schema):
    id: int
    topic: str
    topic_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    hub: str


class HomeCallLineOut(Schema):
    call: str
    title: str
    state: str  # to_do, submitted, needs_answer, approved, waitlisted, paid, rejected
    label: str
    action: str  # the one thing to do, in the tenant's words
    url: str  # the page where to do it


class HomeNoticeOut(Schema):
    id: int
    title: str
    urgent: bool
    published_from: dt.datetime


class HomeEventOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    registered: bool


class HomeNumberOut(Schema):
    key: str  # heating, aler, emergency
    label: str
    number: str


class HomeMemberOut(Schema):
    first_name: str
    last_name: str


class HomeOut(Schema):
    household: str
    address: str
    municipality: str
    entrance: str
    floor: str
    door: str
    members: list[HomeMemberOut]
    hub: HomeHubOut | None
    next_appointment: HomeAppointmentOut | None
    applications: list[HomeCallLineOut]
    calls: list[HomeCallLineOut]
    unread_notices: int
    notices: list[HomeNoticeOut]  # the unread ones, newest first (at most three)
    events: list[HomeEventOut]
    useful_numbers: list[HomeNumberOut]


def _hub(block):
    if block is None:
        return None
    hub = block.hub
    return {"code": hub.code, "name": hub.name, "address": hub.address,
            "municipality": hub.municipality, "phone": hub.phone, "email": hub.email,
            "map_url": block.map_url, "nearest": block.nearest,
            "open_today": [{"opens": opens, "closes": closes}
                           for opens, closes in block.opening.today.periods],
            "closed_because": block.opening.today.closed_because,
            "community_managers": [manager.get_full_name() or manager.email
                                   for manager in block.managers]}


def _appointment(appointment):
    if appointment is None:
        return None
    return {"id": appointment.pk, "topic": appointment.topic,
            "topic_label": appointment.get_topic_display(), "starts_at": appointment.starts_at,
            "ends_at": appointment.ends_at, "hub": appointment.hub.code}


def _line(line):
    return {"call": line.call.code, "title": line.call.title, "state": line.state,
            "label": str(line.label), "action": str(line.link_label), "url": line.url}


# No session: 401. Not a tenant: 403. No current household linked to the account: 404.
@router.get("my/home", response={200: HomeOut, **refusals(401, 403, 404)},
            url_name="my_home", summary="My home")
def my_home(request):
    """Everything the tenant's home screen shows: the home and who lives in it, the Spazio
    CASA (open today?), the next appointment, the applications and the calls open, the unread
    notices, the next events at the hub, the useful numbers."""
    user = require(request, "tenant.view_own_household")
    household = tenant_household(user)
    if household is None:
        raise Http404
    home = home_for(household, tenant=user)
    unit = household.unit
    return {
        "household": household.code, "address": unit.building.address,
        "municipality": unit.building.municipality, "entrance": unit.entrance,
        "floor": unit.floor, "door": unit.door,
        "members": [{"first_name": member.first_name, "last_name": member.last_name}
                    for member in home.members],
        "hub": _hub(home.hub),
        "next_appointment": _appointment(home.next_appointment),
        "applications": [_line(line) for line in home.applications],
        "calls": [_line(line) for line in home.calls],
        "unread_notices": home.unread_notices,
        "notices": [{"id": notice.pk, "title": notice.title, "urgent": notice.urgent,
                     "published_from": notice.published_from} for notice in home.notices],
        "events": [{"id": event.pk, "title": event.title, "starts_at": event.starts_at,
                    "registered": event.registered} for event in home.events],
        "useful_numbers": [{"key": number.key, "label": str(number.label),
                            "number": number.number} for number in home.useful_numbers],
    }
