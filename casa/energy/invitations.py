"""Inviting the households that the screening finds eligible: an Invitation and a message each,
once per household and call; many at once by a background task."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from casa.core.audit import AuditAction, audit_event, user_or_none
from casa.core.models import AuditEvent
from casa.core.tasks import task

from .models import Call, Invitation
from .selectors import households_to_invite

# Up to this many invitations are written during the request, more by a background task
# (setting CASA_ENERGY_INVITE_INLINE_LIMIT).
INVITE_INLINE_LIMIT = 200
# Households invited per transaction by the background task.
INVITE_BATCH = 500


@dataclass(frozen=True)
class InvitationRun:
    count: int  # households invited, or to be invited when queued
    queued: bool  # True: a background task is writing them


def invite_eligible(*, call, on: dt.date, acting_user, inline_limit="default"):
    """Invite every household in the acting user's scope that the screening of `call` on `on`
    finds eligible and that has not been invited yet: an Invitation and a notification each,
    in the same transaction. Above `inline_limit` households the work is handed to a
    background task, queued when the caller's transaction commits; None: never.
    Raises rules.MissingParameter when the call has no value in force on `on`."""
    if inline_limit == "default":
        inline_limit = getattr(settings, "CASA_ENERGY_INVITE_INLINE_LIMIT", INVITE_INLINE_LIMIT)
    targets = households_to_invite(call=call, on=on, user=acting_user)
    if inline_limit is not None and len(targets) > inline_limit:
        actor_id = getattr(acting_user, "pk", None)
        actor_label = acting_user if isinstance(acting_user, str) else "system"
        transaction.on_commit(functools.partial(
            invite_eligible_households.enqueue, call.pk, on.isoformat(), actor_id,
            actor_label))
        return InvitationRun(len(targets), queued=True)
    created = 0
    for start in range(0, len(targets), INVITE_BATCH):  # one transaction per batch
        created += _invite_batch(call, on, targets[start:start + INVITE_BATCH], acting_user)
    return InvitationRun(created, queued=False)


@transaction.atomic
def _invite_batch(call, on, targets, acting_user):
    from casa.notifications.services import notify
    from casa.registry.models import Household

    # One inviter at a time per call: a second click waits, then finds these invited.
    Call.objects.select_for_update().filter(pk=call.pk).first()
    ids = [household_id for household_id, _outcome in targets]
    already = set(Invitation.objects.filter(call=call, household_id__in=ids)
                  .values_list("household_id", flat=True))
    households = Household.objects.in_bulk([pk for pk in ids if pk not in already])
    link = settings.SITE_URL + reverse("energy:tenant_call", kwargs={"code": call.code})
    invitations = []
    for household_id, outcome in targets:
        household = households.get(household_id)
        if household is None:
            continue
        invitations.append(Invitation(
            call=call, household=household, screened_on=on, amount_eur=outcome.amount,
            isee_eur=outcome.isee.value if outcome.isee else None,
            created_by=user_or_none(acting_user)))
    Invitation.objects.bulk_create(invitations)
    for invitation in invitations:
        household = invitation.household
        notify(kind="energy.invitation", household=household,
               context={"call_title": call.title, "call_code": call.code,
                        "amount_eur": invitation.amount_eur, "closes_at": call.closes_at},
               link=link, key=f"energy.invitation:{call.code}:{household.code}",
               actor=acting_user)
    AuditEvent.objects.bulk_create([
        audit_event(actor=acting_user, action=AuditAction.CREATE,
                    target_type=Invitation._meta.label_lower,
                    target_id=f"{call.pk}:{invitation.household.pk}",
                    target_repr=f"{call.code}:{invitation.household.code}",
                    subject=invitation.household.audit_subject,
                    changes={"amount_eur": str(invitation.amount_eur),
                             "isee_eur": str(invitation.isee_eur or ""),
                             "screened_on": on.isoformat()})
        for invitation in invitations
    ])
    return len(invitations)


@task()
def invite_eligible_households(call_id, on, actor_id=None, actor_label="system"):
    """Invite every eligible household not invited yet (invite_eligible), in batches of one
    transaction each; returns how many were invited."""
    from casa.accounts.models import User

    call = Call.objects.get(pk=call_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    run = invite_eligible(call=call, on=dt.date.fromisoformat(on),
                          acting_user=actor or actor_label, inline_limit=None)
    return run.count
