"""Opening a case tells the European Social Fund's receivers, once, that the person it is for
(the member, or the household's head) was supported at the household's hub."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from casa.casework import services
from casa.registry.models import Member
from casa.registry.signals import support_given


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    support_given.connect(receiver)
    yield calls
    support_given.disconnect(receiver)


def test_a_case_for_the_household_supports_its_head_once(register, people, received):
    household = register["households"]["H001"]
    case = services.case_open(household=household, reason="isolation",
                              acting_user=people["manager"])
    services.contact_log(case=case, kind="phone", at=case.opened_at, notes="Chiamata.",
                         acting_user=people["manager"])

    assert len(received) == 1
    call = received[0]
    assert call["member"] == household.members.get(relation="head")
    assert call["hub"] == register["hubs"]["san-siro"]
    assert call["source"] == f"casework:case:{case.pk}"
    assert call["on"] == timezone.localdate(case.opened_at)
    assert call["actor"] == people["manager"]


def test_a_case_for_one_member_supports_that_member(register, people, received):
    household = register["households"]["H001"]
    son = Member.objects.create(household=household, fiscal_code="VRDGPP70C15H501X",
                                first_name="Luca", last_name="Rossi",
                                birth_date=dt.date(2004, 5, 1), sex="M", relation="child",
                                citizenship="IT")
    services.case_open(household=household, member=son, reason="health",
                       acting_user=people["manager"])
    assert [call["member"] for call in received] == [son]


def test_a_refused_opening_gives_no_support(register, people, received):
    with pytest.raises(PermissionDenied):
        services.case_open(household=register["households"]["H001"], reason="arrears",
                           acting_user=people["other_hub"])
    with pytest.raises(PermissionDenied):
        services.case_open(household=register["households"]["H001"], reason="arrears",
                           acting_user=people["coordinator"])
    assert received == []
