"""Volunteers (a name or a member of staff) and partner organisations record their hours per
session: more than 0, at most 24, two decimals at most; refused in the user's language."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casa.activities import rules
from casa.activities.models import Contribution, Partner
from casa.activities.services import contribution_add


@pytest.mark.parametrize(("hours", "message"), [
    (Decimal("0"), "Le ore devono essere più di zero."),
    (Decimal("-1"), "Le ore devono essere più di zero."),
    (Decimal("24.01"), "Le ore di una sessione non possono essere più di 24."),
    (Decimal("1.255"), "Scrivi le ore con al massimo due decimali."),
])
def test_bad_hours_are_refused_in_italian(make_session, manager, hours, message):
    session = make_session()

    with pytest.raises(ValidationError) as refused:
        contribution_add(session=session, hours=hours, volunteer_name="Lucia",
                         acting_user=manager)

    assert refused.value.message_dict["hours"] == [message]
    assert not Contribution.objects.exists()


def test_a_volunteer_a_member_of_staff_and_a_partner_give_hours(make_session, manager):
    session = make_session()
    partner = Partner.objects.create(name="Auser Milano", kind="association")

    contribution_add(session=session, hours=Decimal("2.5"), volunteer_name="Lucia",
                     partner=partner, acting_user=manager)
    contribution_add(session=session, hours=Decimal("24"), volunteer_user=manager,
                     acting_user=manager)
    contribution_add(session=session, hours=Decimal("0.25"), partner=partner,
                     acting_user=manager)

    assert sorted(c.hours for c in Contribution.objects.all()) == [
        Decimal("0.25"), Decimal("2.50"), Decimal("24.00")]


def test_nobody_named_is_refused(make_session, manager, english):
    with pytest.raises(ValidationError) as refused:
        contribution_add(session=make_session(), hours=Decimal("1"), acting_user=manager)

    assert "Write who gave the hours" in refused.value.message_dict["volunteer_name"][0]


def test_the_page_shows_italian_hours_refused_next_to_the_field(client, make_session,
                                                                  manager):
    session = make_session()
    client.force_login(manager)

    response = client.post(reverse("activities:contribution_add", args=[session.pk]),
                           {"volunteer_name": "Lucia", "hours": "25"})

    assert response.status_code == 200
    assert "non possono essere più di 24" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_page_reads_hours_written_the_italian_way(client, make_session, manager):
    session = make_session()
    client.force_login(manager)

    client.post(reverse("activities:contribution_add", args=[session.pk]),
                {"volunteer_name": "Lucia", "hours": "1,5"})

    assert Contribution.objects.get().hours == Decimal("1.5")


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_check_hours_accepts_exactly_the_hours_of_a_day(hours):
    accepted = rules.check_hours(hours) is None
    assert accepted == (hours.is_finite() and Decimal(0) < hours <= 24
                        and hours == hours.quantize(Decimal("0.01")))
