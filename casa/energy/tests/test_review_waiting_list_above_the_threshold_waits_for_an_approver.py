"""The waiting list commits money through the same four eyes as any other path: when budget
is released and the next waiting application's amount, worked out again on the register, is
above the call's threshold (and no second person confirmed that much before), it waits for an
approver and nothing is committed until one confirms; exactly the threshold is committed at
once."""

from decimal import Decimal

import pytest

from casa.energy import decisions
from casa.energy.models import ApplicationStatus, BudgetEntry, DecisionKind, DecisionState
from casa.energy.recompute import recompute_call
from casa.registry.models import ChargeBasis, HeatingCharge

from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = ApplicationStatus


def committed(call):
    call.refresh_from_db()
    return call.committed_eur


def actual_costs(application, charge):
    """The register's import brings the season's actual heating costs."""
    HeatingCharge.objects.create(household=application.household,
                                 season=application.call.season, basis=ChargeBasis.ACTUAL,
                                 amount_eur=Decimal(charge))


@pytest.fixture
def waiting():
    """The 500 € budget is all taken by an approved application (500 €, confirmed by an
    approver); a second one asks 250 € (under the 300 € threshold, no second person) and
    waits on the list."""
    call = demo_call(budget="500.00", four_eyes_above="300.00")
    taker = approve_final(submit(call, household(charge="1000.00"), by=user("tenant")),
                          officer=user("benefit_officer"))
    waiting = submit(call, household(charge="500.00"), by=user("tenant"), minutes=1)
    decisions.application_decide(application=waiting, approve=True,
                                 acting_user=user("benefit_officer"))
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == (S.WAITLISTED, 1)
    assert not waiting.decisions.filter(confirmed_by__isnull=False).exists()
    assert committed(call) == Decimal("500.00")
    return call, taker, waiting


def release_budget(taker):
    """Actual costs bring the first application down to 50 €: 450 € are released, and the
    recomputation serves the waiting list (as the import's background run does)."""
    actual_costs(taker, "100.00")
    recompute_call(call=taker.call, acting_user="import_registry")
    taker.refresh_from_db()
    assert taker.approved_amount_eur == Decimal("50.00")


def test_one_cent_above_the_threshold_from_the_waiting_list_waits_for_an_approver(waiting):
    call, taker, app = waiting
    actual_costs(app, "600.02")  # now 300.01 €

    release_budget(taker)

    app.refresh_from_db()
    pending = decisions.pending_decision(app)
    assert (pending.kind, pending.amount_eur) == (DecisionKind.WAITING_LIST, Decimal("300.01"))
    assert pending.decided_by_label == "import_registry"
    assert (app.status, app.approved_amount_eur) == (S.AWAITING_CONFIRMATION, 0)
    assert app.waitlist_position is None
    assert committed(call) == Decimal("50.00")
    assert not BudgetEntry.objects.filter(application=app).exists()

    approver = user("approver")
    decision = decisions.application_confirm(application=app, acting_user=approver)

    app.refresh_from_db()
    assert (decision.pk, decision.state, decision.confirmed_by) == (
        pending.pk, DecisionState.EFFECTIVE, approver)
    assert (app.status, app.approved_amount_eur) == (S.APPROVED, Decimal("300.01"))
    assert committed(call) == Decimal("350.01")


def test_exactly_the_threshold_from_the_waiting_list_is_committed_at_once(waiting):
    call, taker, app = waiting
    actual_costs(app, "600.00")  # now 300.00 €

    release_budget(taker)

    app.refresh_from_db()
    assert decisions.pending_decision(app) is None
    latest = app.decisions.latest("decided_at", "id")
    assert (latest.kind, latest.state, latest.amount_eur) == (
        DecisionKind.WAITING_LIST, DecisionState.EFFECTIVE, Decimal("300.00"))
    assert latest.confirmed_by is None
    assert (app.status, app.approved_amount_eur) == (S.APPROVED, Decimal("300.00"))
    assert committed(call) == Decimal("350.00")
