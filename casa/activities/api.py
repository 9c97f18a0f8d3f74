"""Activities in the JSON API, for staff, with the pages' scope: the activities of the hubs the
caller reads, one activity with its sessions, a session's attendance (personal data: each
reading is audited), marking a person of the register by fiscal code (which tells
give_support once, as on the page) and unmarking them. Same selectors and services as the
pages; every operation requires a session and its capability (SessionWith: 403 before any
parameter is read)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Form, Router, Schema

from casa.core.api import SessionWith, invalid, refusals
from casa.core.audit import AuditAction, audit_record

from . import selectors, services
from .models import Attendance

router = Router(tags=["activities"])


class ActivityHubOut(Schema):
    code: str
    name: str


class ActivitySessionOut(Schema):
    id: int
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    place: str
    attended: int
    anonymous_attendees: int


class ActivityOut(Schema):
    id: int
    hub: ActivityHubOut
    title: str
    kind: str
    description: str
    event_id: int | None


class ActivityDetailOut(ActivityOut):
    sessions: list[ActivitySessionOut]


class ActivityContributionOut(Schema):
    who: str
    hours: Decimal


class ActivityAttendanceOut(Schema):
    fiscal_code: str
    first_name: str
    last_name: str
    household: str
    attended: bool
    marked_at: dt.datetime
    unmarked_at: dt.datetime | None


class ActivitySessionAttendanceOut(Schema):
    session: ActivitySessionOut
    attendances: list[ActivityAttendanceOut]
    contributions: list[ActivityContributionOut]


def _activity(activity):
    return {"id": activity.pk, "hub": {"code": activity.hub.code, "name": activity.hub.name},
            "title": activity.title, "kind": activity.kind,
            "description": activity.description, "event_id": activity.event_id}


def _session(session, attended):
    return {"id": session.pk, "day": session.day, "starts_at": session.starts_at,
            "ends_at": session.ends_at, "place": session.place, "attended": attended,
            "anonymous_attendees": session.anonymous_attendees}


def _session_or_404(user, session_id):
    session = selectors.session_for_staff(user, session_id)
    if session is None:
        raise Http404
    return session


def _attendance(user, session):
    attendances = selectors.attendances(session)
    audit_record(actor=user, action=AuditAction.VIEW, target=session,
                 changes={"attendances": len(attendances)}, note="session attendance")
    return {
        "session": _session(session, sum(1 for a in attendances if a.attended)),
        "attendances": [{"fiscal_code": a.member.fiscal_code,
                         "first_name": a.member.first_name, "last_name": a.member.last_name,
                         "household": a.member.household.code, "attended": a.attended,
                         "marked_at": a.marked_at, "unmarked_at": a.unmarked_at}
                        for a in attendances],
        "contributions": [{"who": c.who, "hours": c.hours}
                          for c in selectors.contributions(session)],
    }


# No session: 401. Without activities.view: 403. A control character: 422.
@router.get("activities", response={200: list[ActivityOut], **refusals(401, 403)},
            url_name="activity_list", summary="Activities at the Spazi CASA",
            auth=SessionWith("activities.view"))
def activity_list(request):
    return [_activity(activity) for activity in selectors.for_hub_list(request.auth)]


# No session: 401. Without activities.view: 403. Outside the caller's hubs, or none: 404.
@router.get("activities/{activity_id}",
            response={200: ActivityDetailOut, **refusals(401, 403, 404)},
            url_name="activity_detail", summary="One activity with its sessions",
            auth=SessionWith("activities.view"))
def activity_detail(request, activity_id: int):
    activity = selectors.activity_for_staff(request.auth, activity_id)
    if activity is None:
        raise Http404
    return {**_activity(activity),
            "sessions": [_session(session, session.attended)
                         for session in selectors.sessions_of(activity)]}


# No session: 401. Without activities.view: 403. Outside the caller's hubs, or none: 404.
@router.get("activity-sessions/{session_id}/attendance",
            response={200: ActivitySessionAttendanceOut, **refusals(401, 403, 404)},
            url_name="activity_attendance", summary="Who came to a session",
            auth=SessionWith("activities.view"))
def activity_attendance(request, session_id: int):
    """Who came (and who was unmarked), the number of others, and the hours given. Personal
    data: each reading is in the audit trail."""
    return _attendance(request.auth, _session_or_404(request.auth, session_id))


# No session: 401. Without activities.manage: 403. Outside the caller's hubs, or none: 404.
# The fiscal code goes as form data. Refused (not a current member of the hub's households, a
# session still to come): 422 with the reason.
@router.post("activity-sessions/{session_id}/attendance",
             response={200: ActivitySessionAttendanceOut, **refusals(401, 403, 404)},
             url_name="activity_attendance_mark", summary="Mark a person as attending",
             auth=SessionWith("activities.manage"))
def activity_attendance_mark(request, session_id: int, fiscal_code: Form[str]):
    """Mark the current member with `fiscal_code` as attending: they become a participant
    (give_support, once per attendance). Marking again changes nothing."""
    session = _session_or_404(request.auth, session_id)
    member = selectors.eligible_members(session).filter(
        fiscal_code=fiscal_code.strip().upper()).first()
    try:
        if member is None:
            raise ValidationError(_("Only current members of the households of this Spazio "
                                    "CASA, or of the households registered for the event, "
                                    "can be marked as attending."))
        services.attendance_mark(session=session, member=member, acting_user=request.auth)
    except ValidationError as error:
        raise invalid(("query", "fiscal_code"), *error.messages) from None
    return _attendance(request.auth, session)


# No session: 401. Without activities.manage: 403. Outside the caller's hubs, no such
# session, or nobody marked with that fiscal code: 404. Refused: 422 with the reason.
@router.delete("activity-sessions/{session_id}/attendance/{fiscal_code}",
               response={200: ActivitySessionAttendanceOut, **refusals(401, 403, 404)},
               url_name="activity_attendance_unmark", summary="Unmark a person",
               auth=SessionWith("activities.manage"))
def activity_attendance_unmark(request, session_id: int, fiscal_code: str):
    """Unmark a person (audited). The support already told is kept (docs/decisions.md)."""
    session = _session_or_404(request.auth, session_id)
    attendance = (Attendance.objects.filter(session=session,
                                            member__fiscal_code=fiscal_code.strip().upper())
                  .select_related("session__activity__hub").first())
    if attendance is None:
        raise Http404
    try:
        services.attendance_unmark(attendance=attendance, acting_user=request.auth)
    except ValidationError as error:
        raise invalid(("query", "fiscal_code"), *error.messages) from None
    return _attendance(request.auth, session)
