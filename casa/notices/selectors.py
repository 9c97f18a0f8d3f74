"""Reading notices: which notices concern a home, which households a notice concerns, what
each user may see, and the read receipts.

The audience rule lives here once, in both directions: `concerning(household)` (a tenant's
notices) and `households_concerned(notice)` (the urgent messages and the receipts' counts).
For the tenant's home screen: `for_household(household)`, `for_user(user)`,
`unread_count(user)`, `unread_for_user(user)`.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from casa.accounts.models import HUB_SCOPED_ROLES
from casa.core.access import can
from casa.notifications.models import Channel, Message
from casa.registry.access import household_scope
from casa.registry.models import Building, Household, Hub
from casa.registry.selectors import tenant_household

from .models import Audience, Notice, NoticeRead


def published(notices=None, *, now=None):
    """The notices whose publication window is open at `now` and that were not withdrawn
    (Notice.is_published is the same rule for one notice)."""
    now = now or timezone.now()
    notices = Notice.objects.all() if notices is None else notices
    return notices.filter(Q(published_until__isnull=True) | Q(published_until__gt=now),
                          published_from__lte=now, withdrawn_at__isnull=True)


def concerning(household):
    """A Q filter on Notice for the notices that concern `household`'s home: to everyone, to
    its building's hub, to its building, or to its entrance."""
    unit = household.unit
    building = unit.building
    q = (Q(audience=Audience.EVERYONE)
         | Q(audience=Audience.BUILDING, building_id=building.pk))
    if unit.entrance:
        q |= Q(audience=Audience.ENTRANCE, building_id=building.pk, entrance=unit.entrance)
    if building.hub_id:
        q |= Q(audience=Audience.HUB, hub_id=building.hub_id)
    return q


def households_concerned(notice):
    """The current households a notice concerns (the other direction of `concerning`)."""
    households = Household.objects.current()
    if notice.audience == Audience.HUB:
        return households.filter(unit__building__hub_id=notice.hub_id)
    if notice.audience == Audience.BUILDING:
        return households.filter(unit__building_id=notice.building_id)
    if notice.audience == Audience.ENTRANCE:
        return households.filter(unit__building_id=notice.building_id,
                                 unit__entrance=notice.entrance)
    return households


def for_household(household, *, now=None):
    """The published notices that concern a household, newest first."""
    return (published(now=now).filter(concerning(household))
            .select_related("hub", "building").order_by("-published_from", "-id"))


def for_user(user, *, household=None, now=None):
    """A tenant's notices (those of their current household: `household` when the caller has
    it already), newest first, each with `is_read` for this person. None for anyone without a
    household."""
    household = household or tenant_household(user)
    if household is None:
        return Notice.objects.none()
    return for_household(household, now=now).annotate(
        is_read=Exists(NoticeRead.objects.filter(notice=OuterRef("pk"), user=user)))


def unread_for_user(user, *, household=None, now=None):
    return for_user(user, household=household, now=now).filter(is_read=False)


def unread_count(user, *, now=None):
    return unread_for_user(user, now=now).count()


def notice_for_tenant(user, pk, *, household=None):
    """One of the tenant's published notices, or None (another home's, ended, or future)."""
    return for_user(user, household=household).filter(pk=pk).first()


def visible_notice(user, pk):
    """The notice `pk` if `user` may see it (a tenant: one that concerns their home and is
    published; staff: one in their scope), else None. The attachment's one check."""
    if can(user, "notices.read"):
        return notice_for_tenant(user, pk)
    if can(user, "notices.view"):
        return notice_for_staff(user, pk)
    return None


# --- Staff ----------------------------------------------------------------------------------

def staff_scope(user):
    """A Q filter on Notice for the notices a member of staff sees: hub-scoped roles those to
    everyone and those that reach their hubs' buildings; the others every notice."""
    if user.role in HUB_SCOPED_ROLES:
        hubs = user.hubs.all()
        return (Q(audience=Audience.EVERYONE) | Q(hub__in=hubs)
                | Q(building__hub__in=hubs))
    return Q()


def for_staff(user):
    """The notices `user` may see in the back office, newest first."""
    return (Notice.objects.filter(staff_scope(user))
            .select_related("hub", "building", "created_by").order_by("-published_from", "-id"))


def notice_for_staff(user, pk):
    return for_staff(user).filter(pk=pk).first()


def publishable_hubs(user):
    """The hubs `user` may publish to: all with notices.publish_everywhere, else their own."""
    if can(user, "notices.publish_everywhere"):
        return Hub.objects.order_by("name")
    return user.hubs.order_by("name")


def publishable_buildings(user):
    """The buildings `user` may publish to (their entrances included)."""
    buildings = Building.objects.select_related("hub").order_by("address", "code")
    if can(user, "notices.publish_everywhere"):
        return buildings
    return buildings.filter(hub__in=user.hubs.all())


def entrances(building):
    """The entrances the register lists for a building's units, in order."""
    return sorted(set(building.units.exclude(entrance="")
                      .values_list("entrance", flat=True)))


def may_publish(user, *, audience, hub=None, building=None):
    """Whether `user` may publish a notice to this audience: the one check of the publishing
    scope (the form offers only what passes it; the service refuses what does not)."""
    if not can(user, "notices.publish"):
        return False
    if can(user, "notices.publish_everywhere"):
        return True
    if audience == Audience.HUB:
        return hub is not None and publishable_hubs(user).filter(pk=hub.pk).exists()
    if audience in (Audience.BUILDING, Audience.ENTRANCE):
        return (building is not None
                and publishable_buildings(user).filter(pk=building.pk).exists())
    return False  # everyone: only with publish_everywhere


def receipts(notice, user):
    """The read receipts as counts, within the households `user` may see: households the
    notice concerns, households where someone read it, and people who read it."""
    scope = household_scope(user)
    concerned = households_concerned(notice).filter(scope)
    reads = NoticeRead.objects.filter(notice=notice,
                                      household__in=Household.objects.filter(scope))
    return {
        "households": concerned.count(),
        "households_read": reads.values("household_id").distinct().count(),
        "people_read": reads.count(),
    }


def readers(notice, user):
    """Who read the notice, newest first, among the households `user` may see: personal data
    (the view that lists them writes an audit event)."""
    return (NoticeRead.objects.filter(notice=notice,
                                      household__in=Household.objects.filter(
                                          household_scope(user)))
            .select_related("user", "household__unit__building")
            .order_by("-read_at", "-id"))


def urgent_message_count(notice):
    """How many households an urgent notice was sent to (its app messages: one each)."""
    return Message.objects.filter(channel=Channel.APP, kind="notices.urgent",
                                  key__startswith=f"notices.urgent:{notice.pk}:").count()
