"""When the budget left does not cover an approval, the application waits on a list; when
budget is released, the waiting list is approved in the call's allocation order (lowest ISEE
first in the demo call) while the budget allows."""

from decimal import Decimal

import pytest

from casa.energy.decisions import allocate_waitlist, application_decide
from casa.energy.models import ApplicationStatus, BudgetEntry, CallParameter
from casa.notifications.models import Message
from casa.registry.models import HeatingCharge

from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def position(app):
    """The waiting-list position stored on the application."""
    app.refresh_from_db()
    return app.waitlist_position


def test_an_approval_beyond_the_budget_goes_on_the_waiting_list(make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="150.00")
    first = application(call, household(), submitter=officer)
    second = application(call, household(), submitter=officer, minutes=1)

    application_decide(application=first, approve=True, note="", acting_user=officer)
    decision = application_decide(application=second, approve=True, note="",
                                  acting_user=officer)

    second.refresh_from_db()
    call.refresh_from_db()
    assert second.status == S.WAITLISTED
    assert decision.outcome == S.WAITLISTED
    assert second.approved_amount_eur == 0
    assert call.committed_eur == Decimal("100.00")
    assert position(second) == 1
    message = Message.objects.get(household=second.household, kind="energy.decision",
                                  channel="app")
    assert second.protocol in message.subject


def test_released_budget_goes_to_the_lowest_isee_first_while_it_lasts(make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="0.00")
    # Submitted in this order; ISEE 14,000, 10,000, 12,000 and 10,000 (submitted later).
    apps = [application(call, household(isee=isee), submitter=officer, minutes=minute)
            for minute, isee in enumerate(["14000.00", "10000.00", "12000.00", "10000.00"])]
    for app in apps:
        application_decide(application=app, approve=True, note="", acting_user=officer)
        app.refresh_from_db()
    assert [position(app) for app in apps] == [4, 1, 3, 2]

    call.budget_eur = Decimal("300.00")
    call.save(update_fields=["budget_eur"])
    approved = allocate_waitlist(call=call, acting_user=officer)

    assert [app.pk for app in approved] == [apps[1].pk, apps[3].pk, apps[2].pk]
    for app in apps:
        app.refresh_from_db()
    assert [app.status for app in apps] == [S.WAITLISTED, S.APPROVED, S.APPROVED, S.APPROVED]
    call.refresh_from_db()
    assert call.committed_eur == Decimal("300.00") == sum(
        entry.amount_eur for entry in BudgetEntry.objects.filter(call=call))
    assert position(apps[0]) == 1


def test_in_submission_order_when_the_call_says_so(make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="0.00")
    CallParameter.objects.filter(call=call, name="allocation_rule").update(
        value="submission_order")
    apps = [application(call, household(isee=isee), submitter=officer, minutes=minute)
            for minute, isee in enumerate(["14000.00", "10000.00"])]
    for app in apps:
        application_decide(application=app, approve=True, note="", acting_user=officer)

    call.budget_eur = Decimal("100.00")
    call.save(update_fields=["budget_eur"])
    approved = allocate_waitlist(call=call, acting_user=officer)

    assert [app.pk for app in approved] == [apps[0].pk]


def _waiting(call, officer, specs):
    """Applications on the waiting list, one per (ISEE, charge) in `specs`, in that order."""
    apps = [application(call, household(isee=isee, charge=charge), submitter=officer,
                        minutes=minute)
            for minute, (isee, charge) in enumerate(specs)]
    for app in apps:
        application_decide(application=app, approve=True, note="", acting_user=officer)
    return apps


def test_a_larger_application_first_in_rank_holds_up_smaller_ones_after_it(make_user):
    """The ranking is strict: with 300 € left, the first (lowest ISEE) asks 500 € and does not
    fit, so the second (100 €) waits too, although it would fit."""
    officer = make_user("benefit_officer")
    call = review_call(budget="0.00", four_eyes_above="1000.00")
    first, second = _waiting(call, officer, [("10000.00", "1000.00"), ("12000.00", "200.00")])
    assert [position(first), position(second)] == [1, 2]

    call.budget_eur = Decimal("300.00")
    call.save(update_fields=["budget_eur"])
    approved = allocate_waitlist(call=call, acting_user=officer)

    assert approved == []
    assert [position(first), position(second)] == [1, 2]
    call.refresh_from_db()
    assert call.committed_eur == 0


def test_an_application_no_longer_eligible_is_skipped_and_the_next_one_is_served(make_user):
    """Skipped, not a stop: the first no longer qualifies (its heating charge is gone), so the
    second is approved."""
    officer = make_user("benefit_officer")
    call = review_call(budget="0.00")
    first, second = _waiting(call, officer, [("10000.00", "200.00"), ("12000.00", "200.00")])
    HeatingCharge.objects.filter(household=first.household).delete()

    call.budget_eur = Decimal("100.00")
    call.save(update_fields=["budget_eur"])
    approved = allocate_waitlist(call=call, acting_user=officer)

    assert [app.pk for app in approved] == [second.pk]
    assert position(first) == 1
    second.refresh_from_db()
    assert second.status == S.APPROVED
