"""Marking a person as attended tells the register's give_support once per attendance, in the
transaction that records it: ticking again, unmarking and marking again tell it no more.
Unmarking keeps the support already told (the participant keeps their entry)."""

import pytest
from django.db import transaction

from casa.activities.models import Attendance
from casa.activities.services import attendance_mark, attendance_record, attendance_unmark
from casa.core.models import AuditEvent

from .conftest import head


def test_marking_tells_the_support_once_with_the_session_s_hub_and_day(
        register, make_session, manager, received):
    session = make_session()
    member = head(register["households"]["H001"])

    attendance = attendance_mark(session=session, member=member, acting_user=manager)

    assert received == [{"member": member, "hub": register["hubs"]["san-siro"],
                         "on": session.day, "source": f"activities:attendance:{attendance.pk}",
                         "actor": manager, "signal": received[0]["signal"]}]
    assert attendance.support_given_at is not None


def test_marking_again_unmarking_and_marking_again_tell_it_no_more(
        register, make_session, manager, received):
    session = make_session()
    member = head(register["households"]["H001"])

    attendance = attendance_mark(session=session, member=member, acting_user=manager)
    attendance_mark(session=session, member=member, acting_user=manager)
    attendance_unmark(attendance=attendance, acting_user=manager)
    attendance_mark(session=session, member=member, acting_user=manager)
    attendance_record(session=session, ticked=[member.pk], shown=[member.pk],
                      acting_user=manager)

    assert len(received) == 1
    attendance.refresh_from_db()
    assert attendance.attended


def test_unmarking_is_audited_and_keeps_the_row(register, make_session, manager, received):
    session = make_session()
    member = head(register["households"]["H001"])
    attendance = attendance_mark(session=session, member=member, acting_user=manager)

    marked, unmarked = attendance_record(session=session, ticked=[], shown=[member.pk],
                                         acting_user=manager)

    assert (marked, unmarked) == (0, 1)
    attendance.refresh_from_db()
    assert not attendance.attended and attendance.unmarked_by == manager
    assert attendance.support_given_at is not None  # the support told stays
    assert AuditEvent.objects.filter(target_type="activities.attendance",
                                     target_id=attendance.audit_key,
                                     changes__attended=[True, False]).exists()


def test_the_support_is_told_inside_the_transaction(register, make_session, manager):
    """A receiver that fails rolls the attendance back: nothing is recorded without it."""
    from casa.registry.signals import support_given

    session = make_session()
    member = head(register["households"]["H001"])

    def failing(sender, **kwargs):
        assert transaction.get_connection().in_atomic_block
        raise RuntimeError("the participants app is down")

    support_given.connect(failing, weak=False)
    try:
        with pytest.raises(RuntimeError):
            attendance_mark(session=session, member=member, acting_user=manager)
    finally:
        support_given.disconnect(failing)

    assert not Attendance.objects.exists()
