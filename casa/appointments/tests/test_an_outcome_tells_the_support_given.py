"""Issue 11: an appointment with an outcome, and a walk-in of a household, tell the register's
support_given signal (the European Social Fund counts them) for the member who came: the
tenant who booked, else the head of household. A visitor not in the register tells nothing."""

import datetime as dt

import pytest

from casa.appointments import services
from casa.appointments.booking import get_agenda
from casa.registry.models import Member
from casa.registry.signals import support_given
from conftest import FISCAL_CODES

from .helpers import MONDAY, at, rome

WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def told():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    support_given.connect(receiver, dispatch_uid="test.appointments.told")
    yield calls
    support_given.disconnect(dispatch_uid="test.appointments.told")


def test_an_outcome_tells_the_support_of_the_tenant_who_booked(hub, household, manager,
                                                                make_user, told):
    # The head's spouse books: the support is theirs, not the head's.
    Member.objects.create(household=household, fiscal_code=FISCAL_CODES[3], first_name="Paola",
                          last_name="Neri", birth_date=dt.date(1992, 4, 10), sex="F",
                          relation="spouse", citizenship="IT")
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[3])
    with at(rome(MONDAY, 8)):
        booked = get_agenda().book(household=household, hub=hub, topic="bills",
                                   starts_at=rome(WEDNESDAY, 9), note="", acting_user=tenant)
    assert told == []
    with at(rome(WEDNESDAY, 9, 40)):
        services.appointment_record_outcome(appointment=booked, summary="Fatto",
                                            private_note="", acting_user=manager)
    [call] = told
    assert call["member"].fiscal_code == tenant.fiscal_code
    assert (call["hub"], call["on"], call["actor"]) == (hub, WEDNESDAY, manager)
    assert call["source"] == f"appointments:outcome:{booked.pk}"


def test_a_walk_in_tells_the_support_of_the_head_of_household(hub, household, manager, told):
    with at(rome(WEDNESDAY, 11)):
        walk_in = services.appointment_record_walk_in(
            hub=hub, household=household, topic="isee", summary="", private_note="",
            acting_user=manager)
        services.appointment_record_walk_in(hub=hub, household=None, topic="other",
                                            summary="", private_note="", acting_user=manager)
    [call] = told
    assert call["member"] == household.members.current().get(relation="head")
    assert call["source"] == f"appointments:outcome:{walk_in.pk}"
