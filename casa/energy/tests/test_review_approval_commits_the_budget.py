"""An officer's approval within the budget commits the amount against the call's budget in the
same transaction: the ledger, the committed total, the decision with its trace and cost base,
the tenant's message and the audit trail."""

from decimal import Decimal

import pytest

from casa.core.models import AuditEvent
from casa.energy.decisions import application_decide, application_start_review
from casa.energy.models import ApplicationStatus, BudgetEntry, DecisionKind
from casa.notifications.models import Message

from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db


def test_an_approval_within_the_budget_commits_the_amount_in_the_ledger(make_user):
    officer = make_user("benefit_officer")
    call = review_call(budget="1000.00")
    app = application(call, household(charge="300.00"), submitter=officer)

    application_start_review(application=app, acting_user=officer)
    decision = application_decide(application=app, approve=True, note="", acting_user=officer)

    app.refresh_from_db()
    call.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED
    assert app.approved_amount_eur == Decimal("150.00")
    assert call.committed_eur == Decimal("150.00")
    entry = BudgetEntry.objects.get(application=app)
    assert (entry.amount_eur, entry.decision) == (Decimal("150.00"), decision)
    assert decision.kind == DecisionKind.DECISION
    assert decision.outcome == ApplicationStatus.APPROVED
    assert decision.decided_by == officer
    assert [step["check"] for step in decision.trace][-1] == "amount"
    assert decision.reference_on.isoformat() == "2025-11-20"
    # The cost base is a column of the decision, as the rule used it: the estimated charge
    # of 300.00, no other aid.
    decision.refresh_from_db()
    assert (decision.cost_base_eur, decision.cost_basis) == (Decimal("300.00"), "estimate")


def test_the_tenant_is_told_the_approved_amount(make_user):
    officer = make_user("benefit_officer")
    call = review_call()
    app = application(call, household(charge="300.00"), submitter=officer)

    application_decide(application=app, approve=True, note="", acting_user=officer)

    message = Message.objects.get(household=app.household, kind="energy.decision",
                                  channel="app")
    assert app.protocol in message.subject
    assert "150,00" in message.body


def test_every_step_of_the_review_is_in_the_audit_trail(make_user):
    officer = make_user("benefit_officer")
    call = review_call()
    app = application(call, household(charge="300.00"), submitter=officer)

    application_start_review(application=app, acting_user=officer)
    decision = application_decide(application=app, approve=True, note="", acting_user=officer)

    events = AuditEvent.objects.filter(target_type="energy.application",
                                       target_id=app.protocol).order_by("id")
    assert [event.changes["status"] for event in events] == [
        [None, "submitted"], ["submitted", "under_review"], ["under_review", "approved"]]
    assert all(event.actor == officer for event in events)
    assert events.last().changes["decision"] == decision.pk
    assert events.last().subject == f"household:{app.household.code}"
