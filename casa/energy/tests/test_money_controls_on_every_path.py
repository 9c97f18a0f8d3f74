"""Every path that commits money goes through the same controls (decisions.grant): four eyes
on any increase above the threshold, segregation of duties checked on people who hold the
permission, and the rule worked out again on the register as it is at each step, the
confirmation included."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casa.energy import appeals, decisions
from casa.energy.models import ApplicationStatus, Channel, DecisionKind, DecisionState
from casa.energy.recompute import recompute_household
from casa.notifications.models import Message
from casa.registry.models import HeatingCharge, Household

from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = ApplicationStatus


def committed(call):
    call.refresh_from_db()
    return call.committed_eur


# --- Four eyes --------------------------------------------------------------------------------

def test_an_approval_of_exactly_the_threshold_is_committed_at_once():
    call = demo_call(four_eyes_above="300.00")
    app = submit(call, household(charge="600.00"), by=user("tenant"))  # 300.00 €
    decision = decisions.application_decide(application=app, approve=True,
                                            acting_user=user("benefit_officer"))
    assert (decision.state, decision.amount_eur) == (DecisionState.EFFECTIVE, Decimal("300.00"))
    assert committed(call) == Decimal("300.00")


def test_one_cent_above_the_threshold_waits_for_a_second_person():
    call = demo_call(four_eyes_above="300.00")
    app = submit(call, household(charge="600.02"), by=user("tenant"))  # 300.01 €
    decision = decisions.application_decide(application=app, approve=True,
                                            acting_user=user("benefit_officer"))
    app.refresh_from_db()
    assert decision.state == DecisionState.PENDING
    assert app.status == S.AWAITING_CONFIRMATION
    assert committed(call) == 0


def test_a_recomputation_that_raises_an_amount_above_the_threshold_waits_for_an_approver():
    """284.48 € raised to 600 € by actual costs: nobody confirmed it before the fix."""
    call = demo_call(four_eyes_above="300.00")
    app = approve_final(submit(call, household(charge="568.96"), by=user("tenant")),
                        officer=user("benefit_officer"))
    assert app.approved_amount_eur == Decimal("284.48")
    HeatingCharge.objects.create(household=app.household, season=call.season, basis="actual",
                                 amount_eur=Decimal("1500.00"))

    recompute_household(household=app.household, acting_user="import_registry")

    app.refresh_from_db()
    pending = decisions.pending_decision(app)
    assert (pending.kind, pending.amount_eur) == (DecisionKind.RECOMPUTATION, Decimal("600.00"))
    assert (app.status, app.approved_amount_eur) == (S.APPROVED, Decimal("284.48"))
    assert committed(call) == Decimal("284.48")

    decisions.application_confirm(application=app, acting_user=user("approver"))

    app.refresh_from_db()
    assert app.approved_amount_eur == committed(call) == Decimal("600.00")
    assert Message.objects.filter(household=app.household, kind="energy.amount_confirmed",
                                  channel="app").exists()


def test_an_upheld_appeal_that_raises_an_approved_amount_waits_for_an_approver():
    call = demo_call(four_eyes_above="300.00")
    tenant = user("tenant")
    home = household(charge="500.00")
    app = approve_final(submit(call, home, by=tenant), officer=user("benefit_officer"))
    HeatingCharge.objects.filter(household=home).update(amount_eur=Decimal("1000.00"))
    appeal = appeals.appeal_file(application=app, reason="My costs are higher.",
                                 acting_user=_tenant_of(home, tenant))

    decision = appeals.appeal_decide(appeal=appeal, uphold=True,
                                     acting_user=user("benefit_officer"))

    app.refresh_from_db()
    assert (decision.state, decision.amount_eur) == (DecisionState.PENDING, Decimal("500.00"))
    assert app.approved_amount_eur == committed(call) == Decimal("250.00")


def test_an_upheld_appeal_on_the_waiting_list_above_the_threshold_waits_for_an_approver():
    call = demo_call(budget="0.00", four_eyes_above="300.00")
    tenant = user("tenant")
    home = household(charge="500.00")  # 250 €: no second person needed, but no budget
    app = submit(call, home, by=tenant)
    decisions.application_decide(application=app, approve=True,
                                 acting_user=user("benefit_officer"))
    app.refresh_from_db()
    assert app.status == S.WAITLISTED
    HeatingCharge.objects.filter(household=home).update(amount_eur=Decimal("1000.00"))
    call.budget_eur = Decimal("5000.00")
    call.save(update_fields=["budget_eur"])
    appeal = appeals.appeal_file(application=app, reason="My costs are higher.",
                                 acting_user=_tenant_of(home, tenant))

    decision = appeals.appeal_decide(appeal=appeal, uphold=True,
                                     acting_user=user("benefit_officer"))

    app.refresh_from_db()
    assert decision.state == DecisionState.PENDING
    assert app.status == S.AWAITING_CONFIRMATION
    assert committed(call) == 0


def _tenant_of(home, tenant):
    """The test tenant becomes the household's head, so that the appeal is theirs."""
    head = home.members.get()
    tenant.fiscal_code = head.fiscal_code
    tenant.save(update_fields=["fiscal_code"])
    return tenant


# --- The rule again at confirmation -----------------------------------------------------------

def test_a_confirmation_after_the_register_changed_commits_nothing_and_says_why():
    """An import gave the household 1,500 € of arrears and no repayment plan after the officer
    decided: the approver's confirmation is refused, nothing is committed."""
    call = demo_call(four_eyes_above="300.00")
    app = submit(call, household(charge="1200.00"), by=user("tenant"))
    decisions.application_decide(application=app, approve=True,
                                 acting_user=user("benefit_officer"))
    Household.objects.filter(pk=app.household_id).update(arrears_eur=Decimal("1500.00"),
                                                         repayment_plan=False)

    with pytest.raises(ValidationError, match="register changed"):
        decisions.application_confirm(application=app, acting_user=user("approver"))

    app.refresh_from_db()
    assert app.status == S.AWAITING_CONFIRMATION
    assert decisions.pending_decision(app).confirmed_by is None
    assert committed(call) == 0


# --- Segregation of duties, by people who hold the permission ---------------------------------

def test_an_administrator_who_filed_at_the_desk_cannot_decide_the_application():
    admin = user("admin")  # holds energy.apply_assisted, energy.review and energy.confirm
    call = demo_call()
    app = submit(call, household(), by=admin, channel=Channel.ASSISTED)

    with pytest.raises(PermissionDenied, match="filed this application at the desk"):
        decisions.application_decide(application=app, approve=True, acting_user=admin)
    with pytest.raises(PermissionDenied, match="filed this application at the desk"):
        decisions.application_decide(application=app, approve=False, note="No.",
                                     acting_user=admin)

    app.refresh_from_db()
    assert app.status == S.SUBMITTED
    decisions.application_decide(application=app, approve=True, acting_user=user("admin"))


def test_an_administrator_who_filed_at_the_desk_cannot_confirm_either():
    desk_admin = user("admin")
    call = demo_call(four_eyes_above="300.00")
    app = submit(call, household(charge="1000.00"), by=desk_admin, channel=Channel.ASSISTED)
    decisions.application_decide(application=app, approve=True,
                                 acting_user=user("benefit_officer"))

    with pytest.raises(PermissionDenied, match="filed this application at the desk"):
        decisions.application_confirm(application=app, acting_user=desk_admin)


def test_an_administrator_cannot_confirm_their_own_decision():
    admin = user("admin")
    call = demo_call(four_eyes_above="300.00")
    app = submit(call, household(charge="1000.00"), by=user("tenant"))
    decisions.application_decide(application=app, approve=True, acting_user=admin)

    with pytest.raises(PermissionDenied, match="different person must confirm"):
        decisions.application_confirm(application=app, acting_user=admin)


def test_whoever_took_part_in_any_decision_cannot_decide_the_appeal():
    """The original officer, even when the latest decision was the waiting list's."""
    call = demo_call(budget="0.00")
    tenant = user("tenant")
    home = household()
    app = submit(call, home, by=tenant)
    first = user("benefit_officer")
    decisions.application_decide(application=app, approve=True, acting_user=first)  # waits
    call.budget_eur = Decimal("1000.00")
    call.save(update_fields=["budget_eur"])
    allocator = user("admin")
    decisions.allocate_waitlist(call=call, acting_user=allocator)
    app.refresh_from_db()
    assert app.status == S.APPROVED
    latest = app.decisions.latest("decided_at", "id")
    assert (latest.kind, latest.decided_by) == (DecisionKind.WAITING_LIST, allocator)
    appeal = appeals.appeal_file(application=app, reason="Please check.",
                                 acting_user=_tenant_of(home, tenant))

    for took_part in (first, allocator):
        assert not appeals.may_decide(appeal, took_part)
        with pytest.raises(PermissionDenied, match="took part"):
            appeals.appeal_decide(appeal=appeal, uphold=False, note="No.",
                                  acting_user=took_part)
    appeals.appeal_decide(appeal=appeal, uphold=False, note="The amount is right.",
                          acting_user=user("benefit_officer"))
