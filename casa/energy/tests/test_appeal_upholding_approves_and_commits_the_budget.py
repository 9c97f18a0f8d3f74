"""Upholding an appeal against a rejection works the rule out again and approves through the
review's machinery: the amount is committed against the budget, or the application goes on
the waiting list when the budget left does not cover it, or waits for an approver above the
threshold. Upholding an appeal against an amount commits or releases the difference."""

from decimal import Decimal

import pytest

from casa.core.models import AuditEvent
from casa.energy.appeals import appeal_decide, appeal_file
from casa.energy.decisions import application_confirm, application_decide
from casa.energy.models import (
    Appeal,
    ApplicationStatus,
    BudgetEntry,
    Decision,
    DecisionKind,
)
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give
from .review_helpers import application, household, review_call

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = ApplicationStatus


@pytest.fixture
def appealed(register, make_user):
    """An application rejected by one officer and appealed by the tenant; returns
    (application, appeal, another officer)."""
    def build(approve=False, **call):
        tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
        home = register["households"]["H001"]
        give(home, isee="12000.00", charge="200.00")
        app = application(review_call(**call), home, submitter=tenant)
        application_decide(application=app, approve=approve, note="" if approve else "No.",
                           acting_user=make_user("benefit_officer"))
        app.refresh_from_db()
        appeal = appeal_file(application=app, reason="Please look again.", acting_user=tenant)
        return app, appeal, make_user("benefit_officer")
    return build


def test_upholding_a_rejection_approves_and_commits_the_amount(appealed, english):
    app, appeal, officer = appealed()

    decision = appeal_decide(appeal=appeal, uphold=True, note="Checked the bill.",
                             acting_user=officer)

    app.refresh_from_db()
    app.call.refresh_from_db()
    assert decision.kind == DecisionKind.APPEAL and decision.outcome == S.APPROVED
    assert app.status == S.APPROVED and app.approved_amount_eur == Decimal("100.00")
    assert app.call.committed_eur == Decimal("100.00")
    assert BudgetEntry.objects.get(application=app).decision == decision
    assert AuditEvent.objects.filter(note="appeal decided", actor=officer).exists()
    message = Message.objects.get(household=app.household, kind="energy.appeal_decision",
                                  channel="app")
    assert "Abbiamo accolto il tuo ricorso" in message.body and "100,00" in message.body


def test_upholding_a_rejection_waitlists_when_the_budget_does_not_cover_it(appealed):
    app, appeal, officer = appealed(budget="50.00")

    decision = appeal_decide(appeal=appeal, uphold=True, note="", acting_user=officer)

    app.refresh_from_db()
    assert decision.outcome == S.WAITLISTED and app.status == S.WAITLISTED
    assert not BudgetEntry.objects.exists()


def test_upholding_above_the_threshold_waits_for_an_approver(appealed, make_user):
    app, appeal, officer = appealed(four_eyes_above="50.00")

    decision = appeal_decide(appeal=appeal, uphold=True, note="", acting_user=officer)

    app.refresh_from_db()
    assert app.status == S.AWAITING_CONFIRMATION and not BudgetEntry.objects.exists()
    application_confirm(application=app, acting_user=make_user("approver"))
    app.refresh_from_db()
    decision.refresh_from_db()
    assert app.status == S.APPROVED and decision.confirmed_by is not None
    assert BudgetEntry.objects.get(application=app).amount_eur == Decimal("100.00")


def test_an_approval_reduced_on_appeal_releases_budget_to_the_waiting_list(appealed,
                                                                           make_user):
    app, appeal, officer = appealed(approve=True, budget="150.00")
    waiting = application(app.call, household(), submitter=officer)
    application_decide(application=waiting, approve=True, acting_user=officer)
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    # The officer corrects the register: the charge was lower.
    app.household.heating_charges.update(amount_eur=Decimal("60.00"))

    decision = appeal_decide(appeal=appeal, uphold=True, note="Charge corrected.",
                             acting_user=officer)

    app.refresh_from_db()
    waiting.refresh_from_db()
    assert decision.amount_eur == app.approved_amount_eur < Decimal("100.00")
    assert waiting.status == S.APPROVED
    app.call.refresh_from_db()
    assert app.call.committed_eur == app.approved_amount_eur + Decimal("100.00")
    assert Appeal.objects.get().outcome == decision
    assert Decision.objects.filter(application=app, kind=DecisionKind.APPEAL).count() == 1
