"""Recomputation after an import survives a worker dying half way: each household is worked out
in its own transaction with its request marked done there, the rest stay pending, and the next
run (the task or `manage.py energy_recompute`) finishes the job, recomputing nobody twice."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from casa.energy import recompute
from casa.energy.models import DecisionKind, RecomputationRequest
from casa.registry.models import HeatingCharge

from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = pytest.mark.django_db


class WorkerDied(BaseException):
    """What a kill looks like to the code: it stops, and its open transaction is lost."""


@pytest.fixture
def approved_five():
    call = demo_call(four_eyes_above="1000.00")
    officer = user("benefit_officer")
    apps = [approve_final(submit(call, household(charge="200.00"), by=user("tenant"),
                                 minutes=minute), officer=officer)
            for minute in range(5)]
    for app in apps:  # the import: actual costs of 300 € each (150 € instead of 100 €)
        HeatingCharge.objects.create(household=app.household, season=call.season,
                                     basis="actual", amount_eur=Decimal("300.00"))
    recompute.request_recomputation([app.household_id for app in apps], actor="import_registry")
    return call, apps


def recomputations(app):
    return app.decisions.filter(kind=DecisionKind.RECOMPUTATION).count()


def test_a_worker_killed_half_way_leaves_the_rest_pending_and_the_command_finishes(
        approved_five, monkeypatch):
    call, apps = approved_five
    real = recompute.recompute_application
    calls = []

    def dies_on_the_third(application, **kwargs):
        calls.append(application.pk)
        if len(calls) == 3:
            raise WorkerDied
        return real(application, **kwargs)

    monkeypatch.setattr(recompute, "recompute_application", dies_on_the_third)
    with pytest.raises(WorkerDied):
        recompute.run_pending(acting_user="import_registry")
    monkeypatch.setattr(recompute, "recompute_application", real)

    assert RecomputationRequest.objects.filter(done_at=None).count() == 3
    assert [recomputations(app) for app in apps] == [1, 1, 0, 0, 0]

    out = io.StringIO()
    call_command("energy_recompute", stdout=out)

    assert "3 households were waiting; 3 applications changed" in out.getvalue()
    assert not RecomputationRequest.objects.filter(done_at=None).exists()
    for app in apps:
        app.refresh_from_db()
        assert recomputations(app) == 1  # nobody twice
        assert app.approved_amount_eur == Decimal("150.00")
    call.refresh_from_db()
    assert call.committed_eur == Decimal("750.00")


def test_recomputing_a_call_on_demand_reports_what_changed_and_is_idempotent(approved_five):
    call, apps = approved_five
    out = io.StringIO()
    call_command("energy_recompute", "--call", call.code, stdout=out)

    text = out.getvalue()
    assert "5 applications changed" in text
    assert f"{apps[0].protocol}: 100,00\N{NO-BREAK SPACE}€ -> 150,00\N{NO-BREAK SPACE}€" in text
    assert not RecomputationRequest.objects.filter(done_at=None).exists()

    again = io.StringIO()
    call_command("energy_recompute", "--call", call.code, stdout=again)
    assert "0 applications changed" in again.getvalue()
    assert [recomputations(app) for app in apps] == [1] * 5


def test_an_unknown_call_is_refused_with_the_known_ones(approved_five):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="energia-2025-26"):
        call_command("energy_recompute", "--call", "nope")


def test_one_pending_request_per_household_however_many_imports(approved_five):
    _call, apps = approved_five
    recompute.request_recomputation([apps[0].household_id], actor="import_registry")
    recompute.request_recomputation([apps[0].household_id], actor="import_registry")
    assert RecomputationRequest.objects.filter(household=apps[0].household,
                                               done_at=None).count() == 1
