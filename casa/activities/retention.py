"""How long activities keep who came and who helped (casa/core/retention.py; periods and why
in docs/decisions.md, "Retention"). Counted from the session's day. Two years on, the list of
who attended a session is removed and counted into the session's other attendees, so the
session's numbers stay the same (the support each attendance told is the participants' own
record, kept for the fund's period); a volunteer's name is replaced, the hours stay."""

from django.db.models import Case, Count, F, Q, Value, When

from casa.core import retention

from .models import Attendance, Session

MONTHS = 24
# What a volunteer's name becomes: a contribution must name someone (a constraint).
PSEUDONYM = "*"


def remove_attendances(attendances):
    counts = (attendances.filter(attended=True).values("session")
              .annotate(people=Count("pk")).order_by())
    for row in counts:
        Session.objects.filter(pk=row["session"]).update(
            anonymous_attendees=F("anonymous_attendees") + row["people"])
    Attendance.objects.filter(pk__in=list(attendances.values_list("pk", flat=True))).delete()


def pseudonymise_contributions(contributions):
    contributions.update(volunteer_name=Case(
        When(volunteer_user__isnull=True, partner__isnull=True, then=Value(PSEUDONYM)),
        default=Value("")))


retention.declare(
    "activities.attendance", model="activities.Attendance", counts_from="session__day",
    months=MONTHS, action=retention.DELETE, remove=remove_attendances,
    description="who attended past sessions (counted into the session's other attendees)",
)
retention.declare(
    "activities.contribution", model="activities.Contribution", counts_from="session__day",
    months=MONTHS, action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_contributions,
    still_personal=~Q(volunteer_name="") & ~Q(volunteer_name=PSEUDONYM),
    description="volunteers' names on past sessions",
)
