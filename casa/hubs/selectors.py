"""Reads about the Spazi CASA: their pages, opening hours, closures, who is on duty, the hub of
a household (or the nearest one), and the buildings still without a hub.

The portal's "My home" reads a household's hub through `hub_for_household`, the day's hours
through `opening_today` and the hub's Community Managers through `community_managers`;
casa/appointments reads the hours tenants can book through `desk_periods`.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from casa.accounts.models import Role
from casa.registry.models import Building, Hub

from . import opening
from .holidays import holidays_between
from .models import (
    Absence,
    Closure,
    HubProfile,
    OpeningPeriod,
    Place,
    Service,
    StaffHours,
    Weekday,
)
from .proximity import nearest

DESK_ROLES = (Role.COMMUNITY_MANAGER, Role.CARE_STAFF)


def hub_zone(hub=None):
    """The time zone of a hub's hours: every Spazio CASA is in Italy (Europe/Rome, the
    TIME_ZONE setting). One place, should a hub ever be elsewhere."""
    return ZoneInfo(settings.TIME_ZONE)


def hub_today(hub=None, now=None):
    """Today's date at the hub."""
    return (now or timezone.now()).astimezone(hub_zone(hub)).date()


# --- The hub's page ---------------------------------------------------------------------------

def public_hubs():
    return list(Hub.objects.select_related("profile").order_by("name"))


def hub_by_code(code):
    return Hub.objects.select_related("profile").filter(code=code).first()


def profile_of(hub):
    """The hub's page content (unsaved and empty when staff never wrote it)."""
    try:
        return hub.profile
    except HubProfile.DoesNotExist:
        return HubProfile(hub=hub)


def services_of(hub):
    """The labels of the services the hub offers, in the order staff chose them."""
    labels = dict(Service.choices)
    return [labels[value] for value in profile_of(hub).services if value in labels]


def map_url(hub):
    """A plain OpenStreetMap link (no script on our page): the hub's point when staff entered
    its coordinates, else a search for its address."""
    profile = profile_of(hub)
    if profile.latitude is not None and profile.longitude is not None:
        lat, lon = f"{profile.latitude:.5f}", f"{profile.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
    query = urlencode({"query": f"{hub.address}, {hub.municipality}"})
    return f"https://www.openstreetmap.org/search?{query}"


def weekly_hours(hub):
    """{weekday: [(opens, closes), ...]} of the hub."""
    weekly = {}
    for period in OpeningPeriod.objects.filter(hub=hub).order_by("weekday", "opens_at"):
        weekly.setdefault(period.weekday, []).append((period.opens_at, period.closes_at))
    return weekly


def closure_spans(hub, first, last):
    """The hub's closures overlapping [first, last], as (first day, last day, reason)."""
    return list(Closure.objects.filter(hub=hub).overlapping(first, last)
                .order_by("starts_on").values_list("starts_on", "ends_on", "reason"))


def opening_today(hub, on):
    """The hub's `opening.Day` for the date `on`: its periods, or why it is closed."""
    return opening.day_at(on, weekly_hours(hub), closure_spans(hub, on, on))


@dataclass(frozen=True)
class OpeningNow:
    """A hub at a moment: today's `opening.Day`, whether it is open at that time, and the
    period still to come today (None when none is)."""

    today: opening.Day
    open_now: bool
    next_period: tuple | None


def opening_now(hub, now=None):
    """The hub's `OpeningNow` at `now` (the current time), in the hub's time zone."""
    local = (now or timezone.now()).astimezone(hub_zone(hub))
    today = opening_today(hub, local.date())
    return OpeningNow(today, today.is_open_at(local.time()), today.next_period(local.time()))


def opening_days(hub, first, count):
    """The hub's `opening.Day`s from `first`, `count` days."""
    last = first + dt.timedelta(days=count - 1)
    return opening.days_at(first, count, weekly_hours(hub), closure_spans(hub, first, last))


def week_table(hub):
    """[(weekday label, [(opens, closes)])] from Monday to Sunday, for the page's table."""
    weekly = weekly_hours(hub)
    return [(label, weekly.get(value, [])) for value, label in Weekday.choices]


def upcoming_closures(hub, today, *, limit=10):
    return list(Closure.objects.filter(hub=hub).not_over(today)
                .order_by("starts_on")[:limit])


def upcoming_holidays(today, *, days=90):
    """[(date, name)] of the public holidays in the next `days` days."""
    return holidays_between(today, today + dt.timedelta(days=days))


# --- Staff ----------------------------------------------------------------------------------------

def community_managers(hub):
    """The hub's active Community Managers, by name."""
    if hub is None:
        return []
    return list(hub.staff.filter(role=Role.COMMUNITY_MANAGER, is_active=True)
                .order_by("last_name", "first_name"))


def desk_staff(hub):
    """The hub's active Community Managers and care staff, by name."""
    return list(hub.staff.filter(role__in=DESK_ROLES, is_active=True)
                .order_by("role", "last_name", "first_name"))


def staff_weekly_hours(hub, user_ids=None):
    """{user id: {weekday: [(start, end)]}} of the hub's staff."""
    rows = StaffHours.objects.filter(hub=hub)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    weekly = {}
    for row in rows.order_by("weekday", "starts_at"):
        weekly.setdefault(row.user_id, {}).setdefault(row.weekday, []).append(
            (row.starts_at, row.ends_at))
    return weekly


def absence_spans(user_ids, first, last):
    """{user id: [(first day, last day, reason)]} of absences overlapping [first, last]."""
    spans = {}
    for user_id, starts, ends, reason in (
            Absence.objects.filter(user_id__in=user_ids).overlapping(first, last)
            .values_list("user_id", "starts_on", "ends_on", "reason")):
        spans.setdefault(user_id, []).append((starts, ends, reason))
    return spans


def duties(hub, first, last, users):
    """{(user id, date): opening.Duty} of `users` at the hub for each day of [first, last]."""
    ids = [user.pk for user in users]
    weekly = staff_weekly_hours(hub, ids)
    closures = closure_spans(hub, first, last)
    absences = absence_spans(ids, first, last)
    result = {}
    day = first
    while day <= last:
        for user_id in ids:
            result[(user_id, day)] = opening.duty_on(
                day, user_id=user_id, weekly=weekly.get(user_id, {}), hub_closures=closures,
                absences=absences.get(user_id, ()))
        day += dt.timedelta(days=1)
    return result


def on_duty(hub, on):
    """[(user, periods)] of the hub's staff at the desk on the date `on`."""
    staff = desk_staff(hub)
    found = duties(hub, on, on, staff)
    return [(user, found[(user.pk, on)].periods) for user in staff
            if found[(user.pk, on)].periods]


def desk_periods(hub, first, last, *, managers=None):
    """{(user id, date): [(start, end) as aware datetimes]} of the hub's Community Managers at
    the desk each day of [first, last] (none on holidays, closures and their absences): the
    hours tenants can book."""
    managers = community_managers(hub) if managers is None else managers
    zone = hub_zone(hub)
    periods = {}
    for key, duty in duties(hub, first, last, managers).items():
        if duty.periods:
            day = key[1]
            periods[key] = [(dt.datetime.combine(day, start, tzinfo=zone),
                             dt.datetime.combine(day, end, tzinfo=zone))
                            for start, end in duty.periods]
    return periods


def absences_of(user, today):
    return list(Absence.objects.filter(user=user).not_over(today).order_by("starts_on"))


# --- A household's hub ---------------------------------------------------------------------------

@dataclass(frozen=True)
class HubForHome:
    """The hub a household goes to: its building's, or (`nearest`) the nearest one while the
    building has none, `distance_km` away from the building's neighbourhood."""

    hub: Hub
    nearest: bool = False
    distance_km: float | None = None


def hub_points():
    """{hub id: (latitude, longitude)} of the hubs whose coordinates staff entered."""
    return {hub_id: (lat, lon) for hub_id, lat, lon in HubProfile.objects.filter(
        latitude__isnull=False, longitude__isnull=False).values_list("hub_id", "latitude",
                                                                       "longitude")}


def building_point(building):
    """Where the building is, as far as CASA knows: the point of its neighbourhood, else of
    its municipality (Place), else None."""
    points = {place.neighbourhood: (place.latitude, place.longitude)
              for place in Place.objects.filter(municipality=building.municipality,
                                                neighbourhood__in={building.neighbourhood, ""})}
    return points.get(building.neighbourhood) or points.get("")


def nearest_hub(building, *, points=None):
    """(hub, distance in km) of the hub nearest to the building's neighbourhood, or None when
    CASA knows where neither is."""
    found = nearest(building_point(building), hub_points() if points is None else points)
    if found is None:
        return None
    hub_id, distance = found
    return Hub.objects.get(pk=hub_id), distance


def hub_for_household(household):
    """The household's `HubForHome`: its building's hub, else the nearest hub (flagged), else
    None."""
    building = household.unit.building
    if building.hub_id is not None:
        return HubForHome(building.hub)
    found = nearest_hub(building)
    if found is None:
        return None
    return HubForHome(found[0], nearest=True, distance_km=found[1])


# --- Buildings without a hub -------------------------------------------------------------------

def unassigned_buildings():
    """The buildings the register leaves without a hub, with their current households counted,
    by municipality, neighbourhood and address."""
    return (Building.objects.filter(hub__isnull=True)
            .annotate(households=Count("units__households",
                                       filter=Q(units__households__tenancy_end__isnull=True)))
            .order_by("municipality", "neighbourhood", "address"))


def with_nearest(buildings):
    """[(building, (hub, km) or None)] for a page of buildings, the hubs read once."""
    points = hub_points()
    hubs = Hub.objects.in_bulk(points)
    place_points = {(place.municipality, place.neighbourhood): (place.latitude, place.longitude)
                    for place in Place.objects.all()}
    rows = []
    for building in buildings:
        point = (place_points.get((building.municipality, building.neighbourhood))
                 or place_points.get((building.municipality, "")))
        found = nearest(point, points)
        rows.append((building, (hubs[found[0]], found[1]) if found else None))
    return rows
