"""Writes for activities: creating an activity and its sessions, attendance (marking, bulk
ticking, unmarking), the number of attendees not in the register, and volunteers' hours.

Every write checks `selectors.may_manage` (the one control of who runs a hub's activities),
takes the acting user and goes into the audit trail. Attendance locks the session's row, so
two phones ticking the same session are served one after the other.

Marking a person as attended tells the register's `give_support` in the same transaction,
once per attendance (`Attendance.support_given_at`): unmarking and marking again does not tell
it twice, and unmarking does not take the support back (the participant keeps their entry,
docs/decisions.md)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, audit_record
from casa.registry.signals import give_support

from . import rules, selectors
from .models import Activity, Attendance, Contribution, Kind, Session

TITLE_MAX = Activity._meta.get_field("title").max_length
PLACE_MAX = Session._meta.get_field("place").max_length
NAME_MAX = Contribution._meta.get_field("volunteer_name").max_length
MAX_ANONYMOUS = 10_000


def _refuse_unless_manager(acting_user, hub):
    if hub is None or not selectors.may_manage(acting_user, hub):
        raise ValidationError(_("You can run activities only at your own Spazi CASA."))


def activity_create(*, hub, title, kind, description="", event=None, acting_user):
    title, description = (title or "").strip(), (description or "").strip()
    errors = {}
    if hub is None:
        errors["hub"] = _("Choose the Spazio CASA.")
    elif not selectors.may_manage(acting_user, hub):
        errors["hub"] = _("You can run activities only at your own Spazi CASA.")
    if not title:
        errors["title"] = _("Write a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Write a title of at most %(count)s characters.") % {
            "count": TITLE_MAX}
    if kind not in Kind.values:
        errors["kind"] = _("Choose the kind of activity.")
    if event is not None and hub is not None and event.hub_id != hub.pk:
        errors["event"] = _("Choose an event of the same Spazio CASA.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        activity = Activity.objects.create(hub=hub, title=title, kind=kind,
                                           description=description, event=event,
                                           created_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=activity,
                     changes={"hub": hub.code, "title": title, "kind": kind,
                              "event": event.audit_key if event else None})
    return activity


def session_create(*, activity, day, starts_at, ends_at, place, acting_user):
    _refuse_unless_manager(acting_user, activity.hub)
    place = (place or "").strip()
    errors = {}
    if day is None:
        errors["day"] = _("Write the day of the session.")
    if starts_at is None:
        errors["starts_at"] = _("Write when the session starts.")
    if ends_at is None:
        errors["ends_at"] = _("Write when the session ends.")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if not place:
        errors["place"] = _("Write where the session takes place.")
    elif len(place) > PLACE_MAX:
        errors["place"] = _("Write the place in at most %(count)s characters.") % {
            "count": PLACE_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = Session.objects.create(activity=activity, day=day, starts_at=starts_at,
                                         ends_at=ends_at, place=place, created_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=session,
                     changes={"activity": activity.audit_key, "day": day.isoformat(),
                              "starts_at": starts_at.strftime("%H:%M"),
                              "ends_at": ends_at.strftime("%H:%M"), "place": place})
    return session


# --- Attendance -----------------------------------------------------------------------------

def _lock_session(session, acting_user, today):
    """The session's row, locked until the transaction ends, after the checks every
    attendance write goes through: the acting user runs the hub's activities, and the session
    is today or past."""
    _refuse_unless_manager(acting_user, session.activity.hub)
    session = (Session.objects.select_for_update().select_related("activity__hub")
               .get(pk=session.pk))
    if not rules.may_record_attendance(session.day, today):
        raise ValidationError(_("Attendance can be recorded from the day of the session."))
    return session


def _mark(session, member, acting_user, now):
    """Mark one eligible person as attended (the caller holds the session's lock). Returns
    True if it changed anything."""
    attendance = Attendance.objects.filter(session=session, member=member).first()
    if attendance is not None and attendance.attended:
        return False
    if attendance is None:
        attendance = Attendance.objects.create(session=session, member=member,
                                               marked_by=acting_user, marked_at=now)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=attendance,
                     changes={"session": session.audit_key, "attended": True})
    else:
        attendance.attended = True
        attendance.marked_by, attendance.marked_at = acting_user, now
        attendance.unmarked_by = attendance.unmarked_at = None
        attendance.save(update_fields=["attended", "marked_by", "marked_at", "unmarked_by",
                                       "unmarked_at"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, target=attendance,
                     changes={"attended": [False, True]})
    if attendance.support_given_at is None:
        give_support(member=member, hub=session.activity.hub, on=session.day,
                     source=f"activities:attendance:{attendance.pk}", actor=acting_user)
        attendance.support_given_at = now
        attendance.save(update_fields=["support_given_at"])
    return True


def _unmark(attendance, acting_user, now):
    if not attendance.attended:
        return False
    attendance.attended = False
    attendance.unmarked_by, attendance.unmarked_at = acting_user, now
    attendance.save(update_fields=["attended", "unmarked_by", "unmarked_at"])
    audit_record(actor=acting_user, action=AuditAction.UPDATE, target=attendance,
                 changes={"attended": [True, False]})
    return True


def _eligible(session, members):
    """`members` (ids) that may be marked at the session; ValidationError naming the
    others."""
    members = set(members)
    found = {member.pk: member for member in
             selectors.eligible_members(session).filter(pk__in=members)
             .select_related("household")}
    if set(found) != members:
        raise ValidationError(_("Only current members of the households of this Spazio CASA, "
                                "or of the households registered for the event, can be "
                                "marked as attending."))
    return found


def attendance_mark(*, session, member, acting_user, today=None):
    """Mark `member` (a registry.Member) as attended. Returns the attendance."""
    now = timezone.now()
    today = today or timezone.localdate()
    with transaction.atomic():
        session = _lock_session(session, acting_user, today)
        member = _eligible(session, [member.pk])[member.pk]
        _mark(session, member, acting_user, now)
        return Attendance.objects.get(session=session, member=member)


def attendance_record(*, session, ticked, shown, acting_user, today=None):
    """The session page's list: of the people `shown` (member ids), those `ticked` are marked
    as attended and the others, if marked, unmarked. Returns (marked, unmarked) counts."""
    ticked, shown = set(ticked), set(shown)
    if not ticked <= shown:
        raise ValidationError(_("Tick only the people listed."))
    now = timezone.now()
    today = today or timezone.localdate()
    marked = unmarked = 0
    with transaction.atomic():
        session = _lock_session(session, acting_user, today)
        members = _eligible(session, ticked)
        for member_id in sorted(ticked):
            marked += _mark(session, members[member_id], acting_user, now)
        for attendance in Attendance.objects.filter(session=session, attended=True,
                                                    member_id__in=shown - ticked):
            unmarked += _unmark(attendance, acting_user, now)
    return marked, unmarked


def attendance_unmark(*, attendance, acting_user, today=None):
    """Unmark a person: the row stays (audited), the support already told is kept."""
    now = timezone.now()
    today = today or timezone.localdate()
    with transaction.atomic():
        _lock_session(attendance.session, acting_user, today)
        attendance = Attendance.objects.select_related("member__household").get(
            pk=attendance.pk)
        _unmark(attendance, acting_user, now)
    return attendance


def anonymous_set(*, session, count, acting_user, today=None):
    """How many people not in the register came: a number only."""
    today = today or timezone.localdate()
    if count is None or not 0 <= count <= MAX_ANONYMOUS:
        raise ValidationError({"anonymous_attendees": _(
            "Write a number from 0 to %(max)s.") % {"max": MAX_ANONYMOUS}})
    with transaction.atomic():
        session = _lock_session(session, acting_user, today)
        before = session.anonymous_attendees
        if before != count:
            session.anonymous_attendees = count
            session.save(update_fields=["anonymous_attendees"])
            audit_record(actor=acting_user, action=AuditAction.UPDATE, target=session,
                         changes={"anonymous_attendees": [before, count]})
    return session


# --- Volunteers and partners ----------------------------------------------------------------

HOURS_MESSAGES = {
    rules.NOT_A_NUMBER: lambda: _("Write the hours as a number, for example 2,5."),
    rules.NOT_POSITIVE: lambda: _("The hours must be more than zero."),
    rules.TOO_MANY: lambda: _("The hours of one session cannot be more than 24."),
    rules.TOO_PRECISE: lambda: _("Write the hours with at most two decimals."),
}


def hours_error(hours):
    """The message for hours that rules.check_hours refuses, or None."""
    problem = rules.check_hours(hours)
    return HOURS_MESSAGES[problem]() if problem else None


def contribution_add(*, session, hours, volunteer_name="", volunteer_user=None, partner=None,
                     acting_user):
    _refuse_unless_manager(acting_user, session.activity.hub)
    volunteer_name = " ".join((volunteer_name or "").split())
    errors = {}
    problem = hours_error(hours)
    if problem:
        errors["hours"] = problem
    if volunteer_name and volunteer_user is not None:
        errors["volunteer_name"] = _("Write a volunteer's name or choose a member of staff, "
                                     "not both.")
    elif not volunteer_name and volunteer_user is None and partner is None:
        errors["volunteer_name"] = _("Write who gave the hours: a volunteer, a member of "
                                     "staff or a partner organisation.")
    elif len(volunteer_name) > NAME_MAX:
        errors["volunteer_name"] = _("Write the name in at most %(count)s characters.") % {
            "count": NAME_MAX}
    if volunteer_user is not None and not volunteer_user.is_casa_staff:
        errors["volunteer_user"] = _("Choose a member of staff.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contribution = Contribution.objects.create(
            session=session, volunteer_name=volunteer_name, volunteer_user=volunteer_user,
            partner=partner, hours=hours, recorded_by=acting_user)
        audit_record(actor=acting_user, action=AuditAction.CREATE, target=contribution,
                     changes={"session": session.audit_key, "who": contribution.audit_who,
                              "hours": str(hours)})
    return contribution


def contribution_remove(*, contribution, acting_user):
    _refuse_unless_manager(acting_user, contribution.session.activity.hub)
    with transaction.atomic():
        audit_record(actor=acting_user, action=AuditAction.DELETE, target=contribution,
                     changes={"session": contribution.session.audit_key,
                              "who": contribution.audit_who, "hours": str(contribution.hours)})
        contribution.delete()

