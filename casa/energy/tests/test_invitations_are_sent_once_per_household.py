"""Inviting the eligible households: one invitation and one set of messages per household,
however many times staff press the button."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.invitations import invite_eligible
from casa.energy.models import Call, Invitation
from casa.notifications.models import Message
from casa.registry.models import Household

from .backoffice import IMMEDIATE_TASKS, ON, eligible_register, login


@pytest.fixture
def officer(client, register, make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    user = make_user("benefit_officer")
    login(client, user)
    return user


def press_invite(client):
    return client.post(reverse("energy:invite", args=[DEMO_CALL_CODE]),
                       {"as_of": ON.isoformat()}, follow=True)


def test_the_eligible_households_are_invited_and_get_messages_in_the_outbox(client, officer):
    response = press_invite(client)

    assert "2 households invited." in response.content.decode()
    invitations = {i.household.code: i for i in Invitation.objects.select_related("household")}
    assert set(invitations) == {"H001", "H002"}
    assert invitations["H001"].amount_eur == Decimal("600.00")
    assert invitations["H001"].isee_eur == Decimal("12000.50")
    assert invitations["H001"].created_by == officer
    messages = Message.objects.filter(kind="energy.invitation").order_by("key")
    assert [m.key for m in messages] == [
        "energy.invitation:energia-2025-26:H001:app",
        "energy.invitation:energia-2025-26:H001:email",
        "energy.invitation:energia-2025-26:H002:app",
        "energy.invitation:energia-2025-26:H002:email",
    ]
    assert messages[0].link.endswith(reverse("energy:tenant_call", args=[DEMO_CALL_CODE]))
    assert messages[0].link.startswith("http")
    assert AuditEvent.objects.filter(target_type="energy.invitation").count() == 2
    # The screening now shows them as invited.
    screening = response.context["summary"]
    assert [row.invited for row in screening.eligible] == [True, True]


def test_pressing_the_button_again_invites_nobody_twice(client, officer):
    press_invite(client)

    response = press_invite(client)

    assert "Every eligible household has already been invited." in response.content.decode()
    assert Invitation.objects.count() == 2
    assert Message.objects.filter(kind="energy.invitation").count() == 4


def test_a_household_that_becomes_eligible_later_is_the_only_one_invited_next_time(
        client, officer):
    press_invite(client)
    Household.objects.filter(code="H003").update(rent_band="accesso")

    response = press_invite(client)

    assert "1 household invited." in response.content.decode()
    assert Invitation.objects.filter(household__code="H003").count() == 1
    assert Message.objects.filter(kind="energy.invitation").count() == 6


def test_many_households_are_invited_by_a_background_task(client, officer, settings,
                                                          django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    settings.CASA_ENERGY_INVITE_INLINE_LIMIT = 1

    with django_capture_on_commit_callbacks(execute=True):
        response = press_invite(client)

    assert "2 invitations are being sent." in response.content.decode()
    assert Invitation.objects.count() == 2
    assert Message.objects.filter(kind="energy.invitation").count() == 4


def test_above_the_limit_the_work_starts_only_when_the_transaction_commits(
        officer, settings, django_capture_on_commit_callbacks):
    settings.CASA_ENERGY_INVITE_INLINE_LIMIT = 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = invite_eligible(call=Call.objects.get(code=DEMO_CALL_CODE), on=ON,
                              acting_user=officer)

    assert (run.count, run.queued) == (2, True)
    assert len(callbacks) == 1
    assert not Invitation.objects.exists()


def test_a_get_on_the_invite_address_only_leads_back_to_the_screening(client, officer):
    response = client.get(reverse("energy:invite", args=[DEMO_CALL_CODE]))

    assert response.status_code == 302
    assert response["Location"] == reverse("energy:screening", args=[DEMO_CALL_CODE])
    assert not Invitation.objects.exists()


def test_a_household_that_has_already_applied_is_not_invited(client, officer):
    from django.utils import timezone

    from casa.energy.models import Application

    call = Call.objects.get(code=DEMO_CALL_CODE)
    Application.objects.create(
        call=call, household=Household.objects.get(code="H001"), protocol="CE-TEST-000001",
        submitted_at=timezone.now(), submitted_by=officer, channel="assisted",
        expected_amount_eur=Decimal("600.00"))

    press_invite(client)

    assert list(Invitation.objects.values_list("household__code", flat=True)) == ["H002"]
