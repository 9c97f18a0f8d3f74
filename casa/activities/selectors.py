"""Reading activities. Every read starts from `activity_scope(user)`, the one scope:
Community Managers and care staff their hubs' activities, programme managers, auditors and
administrators every one, anyone else none. `may_manage` says who may change them."""

from django.db.models import Count, Q

from casa.accounts.models import HUB_SCOPED_ROLES
from casa.core.access import can
from casa.events.models import Registration, RegistrationStatus
from casa.registry.models import Hub, Member

from .models import Activity, Attendance, Contribution, Session

SEARCH_LIMIT = 20


def activity_scope(user) -> Q:
    if not can(user, "activities.view"):
        return Q(pk__in=[])
    if user.role in HUB_SCOPED_ROLES:
        return Q(hub__in=user.hubs.all())
    return Q()


def visible_activities(user):
    return Activity.objects.filter(activity_scope(user)).select_related("hub", "event")


def activity_for_staff(user, pk):
    return visible_activities(user).filter(pk=pk).first()


def for_hub_list(user, hub=None):
    activities = visible_activities(user).annotate(session_count=Count("sessions"))
    if hub is not None:
        activities = activities.filter(hub=hub)
    return activities.order_by("hub__name", "title", "id")


def visible_sessions(user):
    return Session.objects.filter(activity__in=Activity.objects.filter(
        activity_scope(user))).select_related("activity__hub", "activity__event")


def session_for_staff(user, pk):
    return visible_sessions(user).filter(pk=pk).first()


def sessions_of(activity):
    return activity.sessions.annotate(
        attended=Count("attendances", filter=Q(attendances__attended=True))
    ).order_by("day", "starts_at", "id")


def hubs_of(user):
    """The hubs whose activities `user` reads (for the list's filter)."""
    if user.role in HUB_SCOPED_ROLES:
        return user.hubs.order_by("name")
    return Hub.objects.order_by("name")


def manageable_hubs(user):
    if not can(user, "activities.manage"):
        return Hub.objects.none()
    return hubs_of(user)


def may_manage(user, hub) -> bool:
    return manageable_hubs(user).filter(pk=hub.pk).exists()


def attendances(session):
    """Who is marked at the session (and who was unmarked), with their household."""
    return list(Attendance.objects.filter(session=session)
                .select_related("member__household", "marked_by", "unmarked_by")
                .order_by("member__last_name", "member__first_name", "id"))


def contributions(session):
    return list(Contribution.objects.filter(session=session)
                .select_related("volunteer_user", "partner").order_by("id"))


def eligible_members(session):
    """The people who may be marked at the session: current members of current households of
    the session's hub, and of the households registered (confirmed) for the activity's event
    (an event is public: a household of another hub may have come)."""
    at_hub = Q(household__unit__building__hub=session.activity.hub_id)
    event_id = session.activity.event_id
    if event_id is not None:
        registered = Registration.objects.filter(
            event_id=event_id, status=RegistrationStatus.CONFIRMED).values("household_id")
        at_hub |= Q(household_id__in=registered)
    return Member.objects.current().filter(at_hub, household__tenancy_end__isnull=True)


def registered_members(session):
    """The current members of the households registered (confirmed) for the activity's event:
    the list to tick at the session. Empty for an activity without an event."""
    event_id = session.activity.event_id
    if event_id is None:
        return []
    households = Registration.objects.filter(
        event_id=event_id, status=RegistrationStatus.CONFIRMED).values("household_id")
    return list(Member.objects.current().filter(household_id__in=households,
                                                household__tenancy_end__isnull=True)
                .select_related("household").order_by("household__code", "relation",
                                                      "last_name", "first_name"))


def search_members(session, text):
    """The people eligible at the session whose fiscal code is `text`, or whose name starts
    with it ("rossi m", "mario rossi"), at most SEARCH_LIMIT."""
    text = " ".join((text or "").split()).lower()
    if len(text) < 2:
        return []
    people = eligible_members(session)
    if len(text) == 16 and text.isalnum():
        found = people.filter(fiscal_code=text.upper())
    else:
        found = people.filter(Q(search_name__startswith=text)
                               | Q(search_name_reversed__startswith=text))
    return list(found.select_related("household").order_by("last_name", "first_name",
                                                           "id")[:SEARCH_LIMIT])
