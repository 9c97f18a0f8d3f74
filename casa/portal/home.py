"""The tenant's "My home": one screen that gathers what every domain has for a household.

`home_for(household, viewer=...)` asks each domain through its selectors (the register, the
hubs, appointments, notices, events, problem reports, the energy contribution) and returns a
`Home`. The tenant's page, the Community Manager's read-only view of it and the API's
`my/home` all read this one function, so they show the same things. No domain imports the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.appointments import selectors as appointments
from casa.energy import home as energy_home
from casa.events import selectors as events
from casa.hubs import selectors as hubs
from casa.notices import selectors as notices
from casa.registry import selectors as register
from casa.reports import selectors as reports

NOTICES_SHOWN = 3
EVENTS_SHOWN = 3
REPORTS_SHOWN = 5

# The useful numbers, one tap away, in the order a tenant in trouble needs them. The heating
# and Aler numbers are settings (docs/deployment.md); a number left empty is not shown, 112
# always is.
USEFUL_NUMBERS = (
    ("heating", _("Heating faults"), "CASA_PHONE_HEATING_FAULTS"),
    ("aler", _("Aler Milano emergency line"), "CASA_PHONE_ALER_EMERGENCY"),
)
EMERGENCY = ("emergency", _("Emergencies (ambulance, fire, police)"), "112")


@dataclass(frozen=True)
class UsefulNumber:
    key: str
    label: str
    number: str

    @property
    def tel(self):
        """The number for a tel: link: digits and a leading +, nothing else."""
        return "".join(c for c in self.number if c.isdigit() or c == "+")


def useful_numbers() -> list[UsefulNumber]:
    numbers = [UsefulNumber(key, label, getattr(settings, name, "").strip())
               for key, label, name in USEFUL_NUMBERS]
    return [number for number in numbers if number.tel] + [UsefulNumber(*EMERGENCY)]


@dataclass(frozen=True)
class HubBlock:
    """The household's Spazio CASA as the home shows it: whether it is open now and today, its
    Community Managers, and whether it is only the nearest hub (the building has none yet)."""

    hub: object
    opening: hubs.OpeningNow
    managers: list
    map_url: str
    nearest: bool = False


@dataclass(frozen=True)
class Home:
    household: object
    members: list
    hub: HubBlock | None
    next_appointment: object | None
    applications: list  # energy_home.TenantLine, one per call the household applied to
    calls: list  # energy_home.TenantLine, one per open call it has not applied to
    notices: list  # the tenant's unread notices (newest first), or the home's latest for staff
    unread_notices: int | None  # None when the viewer is not a member of the household
    urgent_notices: list  # the urgent ones among all the tenant's unread (or the latest) notices
    events: list  # the next events at the hub, each with `registered`
    reports: list  # the household's open (or just resolved) problem reports, each with `late`
    useful_numbers: list = field(default_factory=useful_numbers)

    @property
    def needs_answer(self):
        """The applications waiting for the tenant's answer: the home puts them first."""
        return [line for line in self.applications if line.state == energy_home.NEEDS_ANSWER]



def hub_block(household, now) -> HubBlock | None:
    found = hubs.hub_for_household(household)
    if found is None:
        return None
    hub = found.hub
    return HubBlock(hub=hub, opening=hubs.opening_now(hub, now),
                    managers=hubs.community_managers(hub), map_url=hubs.map_url(hub),
                    nearest=found.nearest)


def notices_block(household, tenant, now):
    """(notices shown, unread count, urgent ones): a tenant's unread notices; for staff the
    latest ones, read state unknown (receipts are per person)."""
    if tenant is None:
        latest = list(notices.for_household(household, now=now)[:NOTICES_SHOWN])
        return latest, None, [notice for notice in latest if notice.urgent]
    unread = list(notices.unread_for_user(tenant, household=household, now=now))
    return (unread[:NOTICES_SHOWN], len(unread),
            [notice for notice in unread if notice.urgent])


def events_block(household, hub, now):
    if hub is None:
        return []
    upcoming = events.next_at_hub(hub, now=now, limit=EVENTS_SHOWN)
    registered = events.registered_among(household, upcoming) if upcoming else set()
    for event in upcoming:
        event.registered = event.pk in registered
    return upcoming


def reports_block(household, now):
    """The household's problem reports still in progress, or resolved and waiting for "is it
    really fixed?", newest first; each with `late` (against its category's target)."""
    found = list(reports.open_for_household(household)[:REPORTS_SHOWN])
    for report in found:
        report.late = reports.late(report, now)
    return found


def home_for(household, *, tenant=None, now: dt.datetime | None = None) -> Home:
    """The `Home` of `household`. `tenant`: the member looking at it (their unread notices);
    None when a staff member looks on their behalf."""
    now = now or timezone.now()
    hub = hub_block(household, now)
    lines = energy_home.tenant_lines(household, at=now)
    shown_notices, unread, urgent = notices_block(household, tenant, now)
    return Home(
        household=household,
        members=register.members_in_order(household),
        hub=hub,
        next_appointment=appointments.next_appointment(household, now=now),
        applications=[line for line in lines if line.application is not None],
        calls=[line for line in lines if line.application is None],
        notices=shown_notices,
        unread_notices=unread,
        urgent_notices=urgent,
        events=events_block(household, hub.hub if hub else None, now),
        reports=reports_block(household, now),
    )
