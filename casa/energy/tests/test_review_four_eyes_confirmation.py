"""Approvals above the call's threshold wait for a second person, an approver who is not the
officer who decided; the amount is committed only on confirmation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from casa.energy.decisions import application_confirm, application_decide
from casa.energy.models import ApplicationStatus, BudgetEntry

from .review_helpers import application, household, review_call

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def pending(make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="1000.00", four_eyes_above="300.00")
    app = application(call, household(charge="1000.00"), submitter=officer)  # 500 €
    decision = application_decide(application=app, approve=True, note="", acting_user=officer)
    return call, app, decision, officer


def test_an_approval_above_the_threshold_waits_for_confirmation_and_commits_nothing(pending):
    call, app, decision, _officer = pending
    app.refresh_from_db()
    call.refresh_from_db()
    assert app.status == ApplicationStatus.AWAITING_CONFIRMATION
    assert decision.amount_eur == Decimal("500.00")
    assert decision.confirmed_by is None
    assert call.committed_eur == 0
    assert not BudgetEntry.objects.exists()


def test_a_different_approver_confirms_and_the_amount_is_committed(pending, make_user):
    call, app, decision, _officer = pending
    approver = make_user("approver")

    application_confirm(application=app, acting_user=approver)

    app.refresh_from_db()
    call.refresh_from_db()
    decision.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED
    assert app.approved_amount_eur == call.committed_eur == Decimal("500.00")
    assert decision.confirmed_by == approver
    assert BudgetEntry.objects.get().decision == decision


def test_the_person_who_decided_cannot_confirm_their_own_approval(make_user, english):
    admin = make_user("admin")  # an admin may both decide and confirm, but not both at once
    call = review_call(four_eyes_above="300.00")
    app = application(call, household(charge="1000.00"), submitter=admin)
    application_decide(application=app, approve=True, note="", acting_user=admin)

    with pytest.raises(PermissionDenied, match="different person"):
        application_confirm(application=app, acting_user=admin)

    app.refresh_from_db()
    assert app.status == ApplicationStatus.AWAITING_CONFIRMATION


def test_a_benefit_officer_cannot_confirm(pending, make_user):
    _call, app, _decision, _officer = pending
    with pytest.raises(PermissionDenied):
        application_confirm(application=app, acting_user=make_user("benefit_officer"))
