"""When a register import brings the actual heating costs that replace the estimate, approved
decisions are recomputed: a recomputation decision, the difference through the budget ledger,
the audit trail and a message to the tenant. An increase the budget cannot cover is not
committed: the old amount stays and the decision says why."""

from decimal import Decimal

import pytest

from casa.core.models import AuditEvent
from casa.energy.decisions import application_decide
from casa.energy.models import ApplicationStatus, BudgetEntry, DecisionKind
from casa.notifications.models import Message
from casa.registry.importing.load import import_registry

from .backoffice import IMMEDIATE_TASKS
from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE_TASKS


def approved(call, officer, *, charge="200.00"):
    app = application(call, household(charge=charge), submitter=officer)
    application_decide(application=app, approve=True, note="", acting_user=officer)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED
    return app


def import_actual_costs(tmp_path, capture, *rows):
    lines = ["household_code,season,basis,amount_eur,other_aid_eur",
             *[f"{code},2025-26,actual,{amount}," for code, amount in rows]]
    (tmp_path / "heating_charges.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with capture(execute=True):
        result = import_registry(tmp_path)
    assert result.ok, result.rejections


def test_higher_actual_costs_raise_the_amount_through_the_ledger(
        make_user, tmp_path, django_capture_on_commit_callbacks, english):
    officer = make_user("benefit_officer")
    call = review_call(budget="1000.00")
    app = approved(call, officer)  # 100 € on a 200 € estimate

    import_actual_costs(tmp_path, django_capture_on_commit_callbacks,
                        (app.household.code, "500.00"))

    app.refresh_from_db()
    call.refresh_from_db()
    assert app.approved_amount_eur == Decimal("250.00")
    assert call.committed_eur == Decimal("250.00")
    assert [entry.amount_eur for entry in BudgetEntry.objects.order_by("id")] == [
        Decimal("100.00"), Decimal("150.00")]
    decision = app.decisions.get(kind=DecisionKind.RECOMPUTATION)
    assert decision.amount_eur == Decimal("250.00")
    assert decision.decided_by is None  # the import, not a person
    message = Message.objects.get(household=app.household, kind="energy.recomputation",
                                  channel="app")
    assert "100,00" in message.body and "250,00" in message.body
    event = AuditEvent.objects.filter(target_id=app.protocol).order_by("id").last()
    assert event.changes["approved_amount_eur"] == ["100.00", "250.00"]
    assert event.actor_label == "import_registry"


def test_lower_actual_costs_release_budget_to_the_waiting_list(
        make_user, tmp_path, django_capture_on_commit_callbacks):
    officer = make_user("benefit_officer")
    call = review_call(budget="150.00")
    app = approved(call, officer, charge="300.00")  # 150 €: the whole budget
    waiting = application(call, household(), submitter=officer, minutes=5)
    application_decide(application=waiting, approve=True, note="", acting_user=officer)
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.WAITLISTED

    import_actual_costs(tmp_path, django_capture_on_commit_callbacks,
                        (app.household.code, "100.00"))  # 50 €: 100 € released

    app.refresh_from_db()
    waiting.refresh_from_db()
    call.refresh_from_db()
    assert app.approved_amount_eur == Decimal("50.00")
    assert waiting.status == ApplicationStatus.APPROVED
    assert call.committed_eur == Decimal("150.00") == sum(
        entry.amount_eur for entry in BudgetEntry.objects.all())


def test_a_decrease_after_payment_keeps_the_paid_money_committed_and_flags_the_overpayment(
        make_user, tmp_path, django_capture_on_commit_callbacks, english):
    from casa.energy.payments import payment_run

    officer = make_user("benefit_officer")
    call = review_call(budget="150.00")
    app = approved(call, officer, charge="300.00")  # 150 €: the whole budget
    payment_run(call=call, acting_user=officer)
    waiting = application(call, household(), submitter=officer, minutes=5)
    application_decide(application=waiting, approve=True, note="", acting_user=officer)

    import_actual_costs(tmp_path, django_capture_on_commit_callbacks,
                        (app.household.code, "100.00"))  # 50 €, but 150 € already paid

    app.refresh_from_db()
    waiting.refresh_from_db()
    call.refresh_from_db()
    assert app.approved_amount_eur == Decimal("50.00")
    assert call.committed_eur == Decimal("150.00")  # nothing released: the money is out
    assert waiting.status == ApplicationStatus.WAITLISTED
    decision = app.decisions.get(kind=DecisionKind.RECOMPUTATION)
    assert "overpayment of 100.00" in decision.note


def test_an_increase_the_budget_cannot_cover_keeps_the_old_amount(
        make_user, tmp_path, django_capture_on_commit_callbacks, english):
    officer = make_user("benefit_officer")
    call = review_call(budget="120.00", four_eyes_above="1000.00")
    app = approved(call, officer)  # 100 €

    import_actual_costs(tmp_path, django_capture_on_commit_callbacks,
                        (app.household.code, "800.00"))  # would be 400 €

    app.refresh_from_db()
    call.refresh_from_db()
    assert app.approved_amount_eur == Decimal("100.00") == call.committed_eur
    decision = app.decisions.get(kind=DecisionKind.RECOMPUTATION)
    assert "does not cover the increase" in decision.note
    message = Message.objects.get(household=app.household, kind="energy.recomputation",
                                  channel="app")
    assert "400,00" in message.body


def test_an_import_without_new_charges_recomputes_nothing(
        make_user, tmp_path, django_capture_on_commit_callbacks):
    officer = make_user("benefit_officer")
    call = review_call()
    app = approved(call, officer)
    (tmp_path / "heating_charges.csv").write_text(
        f"household_code,season,basis,amount_eur,other_aid_eur\n"
        f"{app.household.code},2025-26,estimate,200.00,\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        import_registry(tmp_path)
    assert not app.decisions.filter(kind=DecisionKind.RECOMPUTATION).exists()
