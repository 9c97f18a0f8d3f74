"""Two years after a session, who attended is removed and counted into the session's other
attendees, so its numbers stay; a volunteer's name is replaced and the hours stay
(casa/activities/retention.py). The audit trail never held a volunteer's name."""

import datetime as dt
from decimal import Decimal

import pytest

from casa.activities.models import Attendance, Contribution, Partner, Session
from casa.activities.services import attendance_mark, contribution_add
from casa.core import retention
from casa.core.models import AuditEvent

from .conftest import head

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


def apply(name, today):
    now = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    return retention.apply(retention.POLICIES[name], now=now).done


def test_who_came_becomes_a_count_two_years_on(register, make_session, manager):
    session = make_session(day=DAY)
    attendance_mark(session=session, member=head(register["households"]["H001"]),
                    acting_user=manager, today=DAY)
    assert apply("activities.attendance", dt.date(2028, 3, 10)) == 0
    assert apply("activities.attendance", dt.date(2028, 3, 11)) == 1
    assert not Attendance.objects.exists()
    assert Session.objects.get(pk=session.pk).anonymous_attendees == 1
    assert apply("activities.attendance", dt.date(2030, 1, 1)) == 0


def test_a_volunteers_name_goes_and_the_hours_stay(make_session, manager):
    session = make_session(day=DAY)
    partner = Partner.objects.create(name="Auser Milano", kind="association")
    alone = contribution_add(session=session, hours=Decimal("2.5"),
                             volunteer_name="Lucia Ferri", acting_user=manager)
    with_partner = contribution_add(session=session, hours=Decimal("1"),
                                    volunteer_name="Marco Blu", partner=partner,
                                    acting_user=manager)
    staff = contribution_add(session=session, hours=Decimal("3"), volunteer_user=manager,
                             acting_user=manager)

    assert apply("activities.contribution", dt.date(2028, 3, 10)) == 0
    assert apply("activities.contribution", dt.date(2028, 3, 11)) == 2
    assert Contribution.objects.get(pk=alone.pk).volunteer_name == "*"
    assert Contribution.objects.get(pk=with_partner.pk).volunteer_name == ""
    assert Contribution.objects.get(pk=staff.pk).volunteer_user == manager
    assert sum(c.hours for c in Contribution.objects.all()) == Decimal("6.5")
    assert apply("activities.contribution", dt.date(2030, 1, 1)) == 0

    for event in AuditEvent.objects.filter(target_type="activities.contribution"):
        text = f"{event.target_repr} {event.note} {event.changes}"
        assert "Lucia" not in text and "Marco" not in text
    event = AuditEvent.objects.get(target_id=f"contribution-{with_partner.pk}", action="create")
    assert event.changes["who"] == "volunteer, partner:Auser Milano"
