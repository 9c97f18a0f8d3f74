"""Demo activities at the first three Spazi CASA, through the real services: the digital help
desk (reusing the hub's demo event, when there is one) and an energy-saving course, each with
two past sessions, a few people of the hub's households attending, people not in the register,
and volunteers' and a partner's hours. Small on purpose, to keep `seed_demo` fast; safe to run
twice (nothing is created again)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from casa.events.models import Event
from casa.registry.models import Hub, Member

from .models import Activity, Partner
from .services import activity_create, attendance_mark, contribution_add, session_create

HUBS = 3
PARTNERS = (("Auser Milano", "association"), ("Cooperativa Sociale La Cordata", "cooperative"))
# (title, kind, event title to reuse or None, place, [(weeks ago, start hour, people)])
ACTIVITIES = (
    ("Sportello digitale del martedì", "digital_help",
     "Sportello digitale: SPID, app CASA e bollette online", "Sala comune dello Spazio CASA",
     [(2, 10, 4), (1, 10, 3)]),
    ("Corso: risparmiare energia in casa", "energy_saving", None,
     "Sala comune dello Spazio CASA", [(3, 17, 5), (1, 17, 4)]),
)


def create_demo_activities(*, programme_manager, managers, today=None):
    """The demo activities (none if there are already activities). Returns how many."""
    if Activity.objects.exists():
        return 0
    today = today or timezone.localdate()
    partners = [Partner.objects.get_or_create(name=name, defaults={"kind": kind})[0]
                for name, kind in PARTNERS]
    runner_of = {}
    for manager in managers:
        for hub in manager.hubs.all():
            runner_of.setdefault(hub.pk, manager)
    created = 0
    for index, hub in enumerate(Hub.objects.order_by("name")[:HUBS]):
        runner = runner_of.get(hub.pk, programme_manager)
        people = list(Member.objects.current().filter(
            household__unit__building__hub=hub, household__tenancy_end__isnull=True)
            .order_by("household__code", "id")[:8])
        for number, (title, kind, event_title, place, sessions) in enumerate(ACTIVITIES):
            event = (Event.objects.filter(hub=hub, title=event_title).first()
                     if event_title else None)
            activity = activity_create(hub=hub, title=title, kind=kind, event=event,
                                       description="", acting_user=runner)
            created += 1
            for weeks, hour, count in sessions:
                day = today - dt.timedelta(weeks=weeks, days=index)
                session = session_create(activity=activity, day=day, starts_at=dt.time(hour),
                                         ends_at=dt.time(hour + 2), place=place,
                                         acting_user=runner)
                for member in people[number:number + count]:
                    attendance_mark(session=session, member=member, acting_user=runner,
                                    today=today)
                contribution_add(session=session, hours=Decimal("2"),
                                 volunteer_name="Chiara Bianchi", acting_user=runner)
                contribution_add(session=session, hours=Decimal("1.5"),
                                 partner=partners[number], acting_user=runner)
    return created
