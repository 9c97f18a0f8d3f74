"""Reading events: the upcoming events of a hub (its public page, the tenant's home), a
household's registrations, an event's places and registrations, and the staff's scope.

For the hub page: `upcoming_for_hub(hub)`; for the tenant's home: `next_at_hub(hub)` and
`registered_among(household, events)`."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from casa.accounts.models import HUB_SCOPED_ROLES
from casa.registry.access import visible_households
from casa.registry.models import Hub, Member

from . import rules
from .models import ACTIVE, Event, Registration, RegistrationStatus


def with_places(events):
    """Events annotated with `taken` (people confirmed) and `waiting` (registrations on the
    waiting list)."""
    return events.annotate(
        taken=Coalesce(Sum("registrations__people",
                           filter=Q(registrations__status=RegistrationStatus.CONFIRMED)), 0),
        waiting=Count("registrations",
                      filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )


def upcoming(*, now=None):
    """Events not cancelled that have not ended, soonest first, with their places."""
    now = now or timezone.now()
    return (with_places(Event.objects.filter(cancelled_at__isnull=True, ends_at__gt=now))
            .select_related("hub").order_by("starts_at", "id"))


def upcoming_for_hub(hub, *, now=None, limit=None):
    """A hub's upcoming events, with their places (for its public page)."""
    events = upcoming(now=now).filter(hub=hub)
    return list(events[:limit]) if limit else events


def next_at_hub(hub, *, limit, now=None):
    """The hub's next `limit` events, without their places (the tenant's home lists titles and
    dates only, and the places' sums cost more than the rest of the query)."""
    now = now or timezone.now()
    return list(Event.objects.filter(hub=hub, cancelled_at__isnull=True, ends_at__gt=now)
                .order_by("starts_at", "id")[:limit])


def registered_among(household, events):
    """The ids of `events` for which the household has an active registration."""
    return set(Registration.objects.filter(household=household, status__in=ACTIVE,
                                           event__in=events).values_list("event_id", flat=True))


def for_tenant(household, *, now=None):
    """(events at the household's hub, events at the other hubs): upcoming, soonest first."""
    events = upcoming(now=now)
    hub_id = household.unit.building.hub_id if household else None
    if hub_id is None:
        return [], list(events)
    return list(events.filter(hub_id=hub_id)), list(events.exclude(hub_id=hub_id))


def event_for_tenant(pk):
    """Any event, with its places (events are public): cancelled and past ones too, so that a
    registered tenant sees what happened to theirs."""
    return with_places(Event.objects.select_related("hub")).filter(pk=pk).first()


def active_registration(event, household):
    if household is None:
        return None
    return (Registration.objects.filter(event=event, household=household, status__in=ACTIVE)
            .first())


def registrations_for_household(household, *, now=None):
    """The household's active registrations for events that have not ended, soonest first."""
    now = now or timezone.now()
    return (Registration.objects.filter(household=household, status__in=ACTIVE,
                                        event__ends_at__gt=now)
            .select_related("event__hub").order_by("event__starts_at", "event_id"))


def waiting_list(event):
    """The waiting registrations of an event, in the order they are served."""
    return (Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
            .order_by("created_at", "id"))


def waiting_position(registration):
    """The registration's place in the waiting list (from 1), or None if it is not waiting."""
    if registration is None or registration.status != RegistrationStatus.WAITING:
        return None
    ids = waiting_list(registration.event).values_list("id", flat=True)
    return rules.waiting_positions(ids).get(registration.pk)


def places(event):
    """{"capacity", "taken", "free", "waiting"} of an event, counted now."""
    counts = Registration.objects.filter(event=event).aggregate(
        taken=Coalesce(Sum("people", filter=Q(status=RegistrationStatus.CONFIRMED)), 0),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)))
    return {"capacity": event.capacity, "taken": counts["taken"],
            "free": rules.free_places(event.capacity, counts["taken"]),
            "waiting": counts["waiting"]}


# --- Staff ----------------------------------------------------------------------------------

def staff_scope(user):
    """A Q filter on Event: hub-scoped roles see their hubs' events, the others every event."""
    if user.role in HUB_SCOPED_ROLES:
        return Q(hub__in=user.hubs.all())
    return Q()


def for_staff(user, *, include_past=False, now=None):
    now = now or timezone.now()
    events = with_places(Event.objects.filter(staff_scope(user))).select_related("hub")
    if not include_past:
        return events.filter(ends_at__gt=now).order_by("starts_at", "id")
    return events.order_by("-starts_at", "-id")


def event_for_staff(user, pk):
    return with_places(Event.objects.filter(staff_scope(user)).select_related("hub")).filter(
        pk=pk).first()


def manageable_hubs(user):
    """The hubs whose events `user` may organise: their own for hub-scoped roles."""
    if user.role in HUB_SCOPED_ROLES:
        return user.hubs.order_by("name")
    return Hub.objects.order_by("name")


def may_manage(user, event_or_hub):
    hub = event_or_hub.hub if isinstance(event_or_hub, Event) else event_or_hub
    return manageable_hubs(user).filter(pk=hub.pk).exists()


def registrations_for_staff(event):
    """Every registration of an event (personal data: the page that lists them is audited),
    confirmed first, then the waiting list in order, then the cancelled ones; each with the
    household's head."""
    order = {RegistrationStatus.CONFIRMED: 0, RegistrationStatus.WAITING: 1,
             RegistrationStatus.CANCELLED: 2}
    registrations = list(Registration.objects.filter(event=event)
                         .select_related("household__unit__building", "registered_by")
                         .order_by("created_at", "id"))
    heads = {member.household_id: member for member in
             Member.objects.current().filter(
                 household_id__in=[r.household_id for r in registrations], relation="head")}
    for registration in registrations:
        registration.head = heads.get(registration.household_id)
    return sorted(registrations, key=lambda r: order[r.status])


def household_for_registration(user, text):
    """The current household a member of staff means by a household code or a member's fiscal
    code, among the households they may see; None when there is none."""
    text = (text or "").strip().upper()
    if not text:
        return None
    households = visible_households(user).filter(tenancy_end__isnull=True)
    found = households.filter(code=text).first()
    if found is None:
        found = households.filter(
            pk__in=Member.objects.current().filter(fiscal_code=text).values("household_id")
        ).first()
    return found


def household_in_scope(user, household):
    return visible_households(user).filter(pk=household.pk).exists()

