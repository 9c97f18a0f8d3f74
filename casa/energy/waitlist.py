"""The waiting list: its ranking in the call's allocation order, stored as each waiting
application's position so that pages read it instead of working it out again.

`casa.energy.workflow.transition` calls `changed()` whenever an application joins or leaves
the list; `batch()` defers the renumbering to the end of a run of changes (the allocation of
the waiting list approves many at once).
"""

from __future__ import annotations

import contextlib
import threading

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from . import controls, rules
from .models import Application, ApplicationStatus, Call, Decision, DecisionState

_deferred = threading.local()


def allocation_rule(call, on=None) -> str:
    """The call's allocation rule in force on `on` (today); first come, first served when it
    has no value in force."""
    try:
        return call.params_at(on or timezone.localdate()).allocation_rule
    except rules.MissingParameter:
        return controls.SUBMISSION_ORDER


def ranked(call) -> list[Application]:
    """The call's waiting applications in ranking order, ranked by the ISEE of the decision
    that put each on the list (one query)."""
    waiting_decision = (Decision.objects.filter(application=OuterRef("pk"),
                                                outcome=ApplicationStatus.WAITLISTED,
                                                state=DecisionState.EFFECTIVE)
                        .order_by("-decided_at", "-id"))
    applications = {a.pk: a for a in Application.objects.filter(
        call=call, status=ApplicationStatus.WAITLISTED).annotate(
        ranked_isee=Subquery(waiting_decision.values("isee_used_eur")[:1]))}
    order = controls.ranking(
        (controls.Waiting(pk, a.ranked_isee if a.ranked_isee is not None else a.isee_used_eur,
                          a.submitted_at, pk)
         for pk, a in applications.items()), allocation_rule(call))
    return [applications[item.key] for item in order]


def renumber(call_id):
    """Store each waiting application's position (1 = first), and clear it for the others."""
    call = Call.objects.get(pk=call_id)
    waiting = ranked(call)
    changed = []
    for position, application in enumerate(waiting, start=1):
        if application.waitlist_position != position:
            application.waitlist_position = position
            changed.append(application)
    Application.objects.bulk_update(changed, ["waitlist_position"], batch_size=500)
    (Application.objects.filter(call_id=call_id, waitlist_position__isnull=False)
     .exclude(status=ApplicationStatus.WAITLISTED).update(waitlist_position=None))


def changed(call_id):
    """An application of the call joined or left the waiting list."""
    pending = getattr(_deferred, "calls", None)
    if pending is not None:
        pending.add(call_id)
    else:
        renumber(call_id)


@contextlib.contextmanager
def batch():
    """Renumber once, at the end, for every change inside the block."""
    outer = getattr(_deferred, "calls", None)
    if outer is not None:
        yield
        return
    _deferred.calls = set()
    try:
        yield
        calls = _deferred.calls
    finally:
        _deferred.calls = None
    for call_id in sorted(calls):
        renumber(call_id)
