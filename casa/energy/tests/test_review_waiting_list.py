"""When the budget left does not cover an approval, the application waits on a list; when
budget is released, the waiting list is approved in the call's allocation order (lowest ISEE
first in the demo call) while the budget allows."""

from decimal import Decimal

import pytest

from casa.energy.models import ApplicationStatus, BudgetEntry, CallParameter
from casa.energy.review import (
    allocate_waitlist,
    application_decide,
    waiting_list_position,
)
from casa.notifications.models import Message

from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db
S = ApplicationStatus


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
    assert waiting_list_position(second) == 1
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
    assert [waiting_list_position(app) for app in apps] == [4, 1, 3, 2]

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
    assert waiting_list_position(apps[0]) == 1


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
