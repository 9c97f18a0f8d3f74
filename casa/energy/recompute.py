"""Recomputation of approved contributions when the register's heating costs change (actual
costs replacing the estimate), after an import or on demand.

The import leaves a `RecomputationRequest` per household whose charges changed; `run_pending`
works them out one household per transaction and marks each request done in that transaction,
so a worker killed half way leaves the rest pending and the next run (the task, or
`manage.py energy_recompute`) picks them up. Recomputing is idempotent: an application whose
cost base has not changed since its last decision is left alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from casa.core.audit import actor_label_for
from casa.core.tasks import task

from . import decisions, rules, workflow
from .models import Application, Call, DecisionKind, DecisionState, RecomputationRequest

COMMITTED = decisions.COMMITTED


@dataclass(frozen=True)
class Recomputed:
    application: Application
    old_amount: Decimal
    new_amount: Decimal  # committed now (the old one while an increase awaits confirmation)
    wanted_amount: Decimal  # what the rule gives on the new costs
    pending: bool  # the increase waits for a second person
    increase_refused: bool  # the budget left does not cover the increase

    @property
    def released(self):
        return self.new_amount < self.old_amount


def _last_basis(application):
    """(cost base, basis) of the latest effective or pending decision, else the
    application's own (at submission)."""
    latest = (application.decisions.exclude(state=DecisionState.WITHDRAWN)
              .exclude(outcome="waitlisted").order_by("-decided_at", "-id").first())
    source = latest or application
    return source.cost_base_eur, source.cost_basis


def recompute_application(application, *, acting_user) -> Recomputed | None:
    """Work out again one approved or paid application (locked by the caller, call first) on
    the register's current costs. None when its cost base has not changed. An increase goes
    through decisions.grant (four eyes above the threshold, the budget check); a decrease
    releases budget, and money already paid beyond the new amount is an overpayment to
    recover."""
    on = decisions.reference_date(application)
    outcome = decisions.evaluate_application(application, on=on)
    if (outcome.cost_base, outcome.cost_basis or "") == _last_basis(application):
        return None
    old_amount = application.approved_amount_eur
    stale = decisions.pending_decision(application)
    if stale is not None:  # a pending increase worked out on the old costs
        stale.state = DecisionState.WITHDRAWN
        stale.save(update_fields=["state"])
    wanted = outcome.amount if outcome.eligible else rules.ZERO
    decision = decisions.new_decision(application, outcome, kind=DecisionKind.RECOMPUTATION,
                                      actor=acting_user, on=on, amount=wanted)
    decision = decisions.grant(application, decision, actor=acting_user,
                               when_short=decisions.KEEP, announce=False)
    pending = decision.state == DecisionState.PENDING
    new_amount = application.approved_amount_eur
    refused = not pending and wanted > new_amount
    workflow.notify_tenant(
        "recomputation", application, actor=acting_user,
        key=f"energy.recomputation:{decision.pk}", old_amount_eur=old_amount,
        amount_eur=new_amount, wanted_amount_eur=wanted, increase_refused=refused,
        pending=pending, basis=outcome.cost_basis or "")
    return Recomputed(application, old_amount, new_amount, wanted, pending, refused)


def recompute_household(*, household, acting_user) -> list[Recomputed]:
    """Recompute the household's approved and paid applications, one transaction each (the
    call locked first); then serve the waiting lists of calls whose budget was released."""
    results = []
    for application in (Application.objects.filter(household=household, status__in=COMMITTED)
                        .order_by("call_id", "pk")):
        with transaction.atomic():
            application = decisions.lock(application)
            if application.status not in COMMITTED:
                continue
            result = recompute_application(application, acting_user=acting_user)
        if result is not None:
            results.append(result)
    return results


def serve_waiting_lists(results, *, acting_user):
    for call in Call.objects.filter(pk__in={r.application.call_id for r in results
                                            if r.released}):
        decisions.allocate_waitlist(call=call, acting_user=acting_user)


# --- Requests: after an import, and on demand ------------------------------------------------

def request_recomputation(household_ids, *, actor) -> int:
    """Leave a pending request for each household (one at most per household); returns how
    many households now have one."""
    label = actor_label_for(actor)
    ids = list(household_ids)
    for start in range(0, len(ids), 500):
        RecomputationRequest.objects.bulk_create(
            [RecomputationRequest(household_id=pk, requested_by_label=label)
             for pk in ids[start:start + 500]], ignore_conflicts=True)
    return RecomputationRequest.objects.filter(done_at=None, household_id__in=ids).count()


def pending_requests(call=None):
    requests = RecomputationRequest.objects.filter(done_at=None)
    if call is not None:
        requests = requests.filter(household__energy_applications__call=call).distinct()
    return requests


def run_pending(*, acting_user, limit=None) -> list[Recomputed]:
    """Work out every pending request, oldest first, each household in its own transaction
    with its request marked done there. Safe to run twice at once and after a crash."""
    results = []
    done = 0
    while limit is None or done < limit:
        with transaction.atomic():
            request = (pending_requests().select_for_update(skip_locked=True)
                       .order_by("requested_at", "id").first())
            if request is None:
                break
            found = recompute_household(household=request.household, acting_user=acting_user)
            RecomputationRequest.objects.filter(pk=request.pk).update(done_at=timezone.now())
        results.extend(found)
        done += 1
    serve_waiting_lists(results, acting_user=acting_user)
    return results


def recompute_call(*, call, acting_user) -> list[Recomputed]:
    """Recompute every approved or paid application of `call` now (and clear the pending
    requests of its households); for the `energy_recompute` command."""
    results = []
    households = (Application.objects.filter(call=call, status__in=COMMITTED)
                  .values_list("household_id", flat=True).order_by("household_id"))
    for household_id in households:
        with transaction.atomic():
            applications = (Application.objects.filter(call=call, household_id=household_id,
                                                       status__in=COMMITTED))
            for application in applications:
                application = decisions.lock(application)
                result = recompute_application(application, acting_user=acting_user)
                if result is not None:
                    results.append(result)
            RecomputationRequest.objects.filter(done_at=None, household_id=household_id).update(
                done_at=timezone.now())
    serve_waiting_lists(results, acting_user=acting_user)
    return results


def on_heating_charges_changed(sender, *, household_ids, actor=None, **kwargs):
    """Receiver of registry.signals.heating_charges_changed (connected in apps.py), sent once
    an import has committed: a pending request for each household with an approved or paid
    application, and a task to work them out."""
    ids = list(household_ids)
    affected = set()
    for start in range(0, len(ids), 500):
        affected.update(Application.objects.filter(household_id__in=ids[start:start + 500],
                                                   status__in=COMMITTED)
                        .values_list("household_id", flat=True))
    if not affected:
        return
    request_recomputation(sorted(affected), actor=actor or "system")
    label = actor if isinstance(actor, str) else actor_label_for(actor)
    transaction.on_commit(functools.partial(recompute_pending.enqueue, label))



@task()
def recompute_pending(actor_label="import_registry"):
    """The background run of `run_pending` after an import; returns how many applications
    changed."""
    return len(run_pending(acting_user=actor_label))
