"""Each attendee is a current member of a current household of the session's hub (or of a
household registered for the activity's event): a person who left the register, or a
household of another hub, is refused with a reason, and nothing is told."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casa.activities.models import Attendance
from casa.activities.services import attendance_mark, attendance_record
from casa.events.services import event_create, registration_create
from casa.registry.models import Household

from .conftest import head


def test_a_member_who_left_the_household_is_refused(register, make_session, manager,
                                                   received, english):
    session = make_session()
    member = head(register["households"]["H001"])
    member.ended_on = dt.date.today()
    member.save()

    with pytest.raises(ValidationError) as refused:
        attendance_mark(session=session, member=member, acting_user=manager)

    assert "Only current members" in str(refused.value)
    assert received == [] and not Attendance.objects.exists()


def test_a_household_whose_tenancy_ended_is_refused(register, make_session, manager, received):
    session = make_session()
    Household.objects.filter(code="H001").update(tenancy_end=dt.date.today())

    with pytest.raises(ValidationError):
        attendance_record(session=session, ticked=[head(register["households"]["H001"]).pk],
                          shown=[head(register["households"]["H001"]).pk],
                          acting_user=manager)

    assert received == []


def test_a_household_of_another_hub_is_refused_unless_registered_for_the_event(
        register, make_activity, make_session, manager, received, make_user):
    other = head(register["households"]["H002"])  # Lorenteggio
    plain = make_session()
    with pytest.raises(ValidationError):
        attendance_mark(session=plain, member=other, acting_user=manager)

    start = timezone.now() + dt.timedelta(hours=1)
    event = event_create(hub=register["hubs"]["san-siro"], title="Salute", starts_at=start,
                         ends_at=start + dt.timedelta(hours=2), place="Sala", capacity=10,
                         acting_user=manager)
    registration_create(event=event, household=register["households"]["H002"], people=1,
                        acting_user=make_user("admin"))
    with_event = make_session(activity=make_activity(event=event))

    attendance_mark(session=with_event, member=other, acting_user=manager)

    assert len(received) == 1


def test_attendance_waits_for_the_day_of_the_session(register, make_session, manager,
                                                    received, english):
    session = make_session(day=timezone.localdate() + dt.timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        attendance_mark(session=session, member=head(register["households"]["H001"]),
                        acting_user=manager)

    assert "from the day of the session" in str(refused.value)
