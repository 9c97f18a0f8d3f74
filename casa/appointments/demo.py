"""A few appointments in the demo's agendas, booked through the real services, so that a
Community Manager who logs in sees a day with work in it and the demo tenant of San Siro has
an appointment to move or cancel. Called by `seed_demo` (casa/portal); safe to run twice."""

import datetime as dt

from django.contrib.auth import get_user_model

from casa.accounts.models import Role
from casa.registry.models import Household, Member

from .availability import free_map, policy_for
from .models import Appointment, Status, Topic
from .services import BookingError, appointment_book

TOPICS = [Topic.BILLS, Topic.ISEE, Topic.ENERGY, Topic.NEIGHBOURS]


def create_demo_appointments(*, managers, tenant=None, per_manager=4):
    """Book `per_manager` households of each manager's first hub into their agenda at the
    first free times from tomorrow; `tenant`'s household (if given) comes first at its hub.
    Returns how many were booked."""
    if Appointment.objects.filter(manager__in=managers, status=Status.BOOKED).exists():
        return 0
    mine = None
    if tenant is not None:
        mine = (Household.objects.filter(
            pk__in=Member.objects.current().filter(fiscal_code=tenant.fiscal_code)
            .values("household")).select_related("unit__building").first())
    booked = 0
    for manager in managers:
        hub = manager.hubs.order_by("code").first()
        if hub is None:
            continue
        households = list(Household.objects.current().filter(unit__building__hub=hub)
                          .exclude(pk=getattr(mine, "pk", None)).order_by("code")[:per_manager])
        if mine is not None and mine.unit.building.hub_id == hub.pk:
            households.insert(0, mine)
        booked += _book(manager, hub, households, mine=mine)
    return booked


def _book(manager, hub, households, *, mine=None):
    """From today for the others; the demo tenant's in three days or more, so that they can
    still move or cancel it online."""
    policy = policy_for(manager, hub)
    booked = 0
    for number, household in enumerate(households):
        topic = TOPICS[number % len(TOPICS)]
        first = policy.first_day + dt.timedelta(days=3 if household == mine else 0)
        free = sorted(start for (_manager, day), starts in
                      free_map(hub, topic, first, policy.last_day, policy).items()
                      for start in starts)
        if not free:
            break
        # Spread them: the first free time, then every other one.
        try:
            appointment_book(household=household, hub=hub, topic=topic,
                             starts_at=free[min(number, len(free) - 1)],
                             note="", acting_user=manager)
        except BookingError:
            continue
        booked += 1
    return booked


def demo_managers(emails):
    User = get_user_model()
    return list(User.objects.filter(email__in=emails, role=Role.COMMUNITY_MANAGER)
                .order_by("email"))
