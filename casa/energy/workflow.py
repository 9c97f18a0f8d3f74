"""An application's workflow as data, and the one function that changes its status.

`transition` alone moves an application from one status to another: it checks the table of
allowed changes, writes the append-only history row (who, when, from, to, why, on whose
behalf), the audit event and the tenant's message, in the caller's transaction. Nothing else
assigns a status: `Application.save()` and its queryset refuse a status changed any other way
(models.StatusGuard). Facts about the past, such as the latest request for information, are
read from the history (`StatusChange`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, actor_label_for, audit_record, user_or_none

from . import waitlist
from .models import Application, ApplicationStatus, StatusChange

S = ApplicationStatus

# From each status (None: a new application), the statuses an application may move to.
ALLOWED_TRANSITIONS = {
    None: {S.SUBMITTED},
    S.SUBMITTED: {S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION, S.APPROVED,
                  S.WAITLISTED, S.REJECTED},
    S.UNDER_REVIEW: {S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION, S.APPROVED, S.WAITLISTED,
                     S.REJECTED},
    S.NEEDS_INFORMATION: {S.UNDER_REVIEW},
    # Confirmed (approved, or waiting when the budget no longer covers it), or sent back.
    S.AWAITING_CONFIRMATION: {S.APPROVED, S.WAITLISTED, S.UNDER_REVIEW},
    S.WAITLISTED: {S.AWAITING_CONFIRMATION, S.APPROVED, S.REJECTED},
    # Paid once a payment run is confirmed; rejected when a recomputation finds nothing due.
    S.APPROVED: {S.PAID, S.REJECTED},
    # An upheld appeal decides again.
    S.REJECTED: {S.AWAITING_CONFIRMATION, S.APPROVED, S.WAITLISTED},
    # More is owed again: an increase, or a payment returned by the bank.
    S.PAID: {S.APPROVED},
}


class TransitionError(ValidationError):
    """A status change the workflow does not allow."""


def can_move(application, status) -> bool:
    return status in ALLOWED_TRANSITIONS.get(application.status, set())


@dataclass(frozen=True)
class Notice:
    """A message to the household about the change: a notifications kind under `energy.`
    (casa/templates/notifications/energy/<kind>.txt) and its context."""

    kind: str
    context: dict = field(default_factory=dict)


def application_link(application) -> str:
    return settings.SITE_URL + reverse("energy:my_application", args=[application.call.code])


def notify_tenant(kind, application, *, actor, key, **context):
    """A message about `application` to its household (the one notification service)."""
    from casa.notifications.services import notify

    notify(kind=f"energy.{kind}", household=application.household,
           context={"protocol": application.protocol, "call_title": application.call.title,
                    **context},
           link=application_link(application), key=key, actor=actor)


def _in_transaction():
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() runs inside the transaction of its event")


def _record(application, old, new, *, actor, reason, on_behalf_of, decision, details,
            notice, audit_changes):
    change = StatusChange.objects.create(
        application=application, from_status=old or "", to_status=new, at=timezone.now(),
        actor=user_or_none(actor), actor_label=actor_label_for(actor),
        on_behalf_of=on_behalf_of, reason=reason or "", decision=decision,
        details=details or {})
    changes = {"status": [old, new], **(audit_changes or {})}
    if decision is not None:
        changes.setdefault("decision", decision.pk)
    if on_behalf_of is not None:
        changes.setdefault("on_behalf_of", on_behalf_of.code)
    audit_record(actor=actor, action=AuditAction.CREATE if old is None else AuditAction.UPDATE,
                 target=application, changes=changes, note=(reason or "")[:200])
    if notice is not None:
        notify_tenant(notice.kind, application, actor=actor,
                      key=f"energy.{notice.kind}:status:{change.pk}", **notice.context)
    if S.WAITLISTED in (old, new):
        waitlist.changed(application.call_id)
    return change


def start(application, *, actor, on_behalf_of=None, notice=None, audit_changes=None):
    """The first row of a new application's history (its submission)."""
    _in_transaction()
    if application.status != S.SUBMITTED or application.pk is None:
        raise TransitionError("an application's history starts with its submission")
    return _record(application, None, S.SUBMITTED, actor=actor, reason="",
                   on_behalf_of=on_behalf_of, decision=None, details=None, notice=notice,
                   audit_changes=audit_changes)


def transition(application: Application, to, *, actor, reason="", on_behalf_of=None,
               decision=None, details=None, notice: Notice | None = None,
               audit_changes=None) -> StatusChange:
    """Move `application` (locked by the caller, in its transaction) to status `to`, as the
    table allows, with its history row, audit event and message (`notice`). Raises
    TransitionError otherwise, and changes nothing."""
    _in_transaction()
    old = application.status
    if not can_move(application, to):
        raise TransitionError(_(
            "Application %(protocol)s is “%(current)s”: it cannot become “%(new)s”.") % {
            "protocol": application.protocol, "current": application.get_status_display(),
            "new": S(to).label})
    application.status = to
    application._in_transition = True
    try:
        application.save(update_fields=["status", "updated_at"])
    finally:
        application._in_transition = False
    return _record(application, old, to, actor=actor, reason=reason,
                   on_behalf_of=on_behalf_of, decision=decision, details=details,
                   notice=notice, audit_changes=audit_changes)



def transition_many(applications, to, *, actor, reason="", notices=None, audit_changes=None
                    ) -> list[StatusChange]:
    """`transition` for many applications at once (locked by the caller, in its transaction),
    in a fixed number of queries whatever their number: the status, the history rows, the
    audit events and the messages (`notices` and `audit_changes` by application pk). Refuses
    them all, changing nothing, if the table does not allow one of them."""
    from django.db.models import QuerySet

    from casa.core.audit import audit_event
    from casa.core.models import AuditEvent
    from casa.notifications.services import notify_many

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition_many() runs inside the transaction of its event")
    applications = list(applications)
    for application in applications:
        if not can_move(application, to):
            raise TransitionError(_(
                "Application %(protocol)s is “%(current)s”: it cannot become “%(new)s”.") % {
                "protocol": application.protocol,
                "current": application.get_status_display(), "new": S(to).label})
    if not applications:
        return []
    notices, audit_changes = notices or {}, audit_changes or {}
    now = timezone.now()
    old = {application.pk: application.status for application in applications}
    # The one place besides `transition` that writes a status: the queryset's guard is for
    # everybody else.
    QuerySet.update(Application.objects.filter(pk__in=list(old)), status=to, updated_at=now)
    for application in applications:
        application.status = application._saved_status = to
        application.updated_at = now
    changes = StatusChange.objects.bulk_create([StatusChange(
        application=application, from_status=old[application.pk], to_status=to, at=now,
        actor=user_or_none(actor), actor_label=actor_label_for(actor), reason=reason or "",
        details={}) for application in applications], batch_size=500)
    AuditEvent.objects.bulk_create([audit_event(
        actor=actor, action=AuditAction.UPDATE, target_type=Application._meta.label_lower,
        target_id=application.audit_key, target_repr=str(application),
        subject=application.audit_subject,
        changes={"status": [old[application.pk], to], **audit_changes.get(application.pk, {})},
        note=(reason or "")[:200]) for application in applications], batch_size=500)
    events = []
    for application, change in zip(applications, changes, strict=True):
        notice = notices.get(application.pk)
        if notice is not None:
            events.append({
                "kind": f"energy.{notice.kind}", "household": application.household,
                "context": {"protocol": application.protocol,
                            "call_title": application.call.title, **notice.context},
                "link": application_link(application),
                "key": f"energy.{notice.kind}:status:{change.pk}"})
    notify_many(events, actor=actor)
    if S.WAITLISTED in (to, *old.values()):
        for call_id in {application.call_id for application in applications}:
            waitlist.changed(call_id)
    return changes


# --- Facts from the history -------------------------------------------------------------------

def latest_information_request(application) -> StatusChange | None:
    """The latest request for information (its text is the change's `reason`, what would
    change the outcome is in `details`), or None."""
    return (application.status_changes.filter(to_status=S.NEEDS_INFORMATION)
            .select_related("actor").order_by("-at", "-id").first())


def history(application):
    return application.status_changes.select_related("actor", "on_behalf_of").order_by(
        "at", "id")
