"""Writing the audit trail. Every service that changes data, or shows staff personal data,
calls `audit_record` with the acting user."""

from .models import AuditAction, AuditEvent


def actor_label_for(actor):
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    # accounts.User.audit_key: the e-mail, else "CF:<fiscal code>", else "user:<pk>".
    return getattr(actor, "audit_key", None) or f"user:{actor.pk}"


def user_or_none(actor):
    """The user behind `actor`, or None for a command or the system."""
    return actor if actor is not None and not isinstance(actor, str) else None


def audit_event(*, actor, action, target_type, target_id, target_repr="", subject="",
                changes=None, note=""):
    """An unsaved event, for callers that write many at once with `bulk_create`."""
    return AuditEvent(
        actor=user_or_none(actor),
        actor_label=actor_label_for(actor),
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_repr=str(target_repr)[:200],
        subject=subject,
        changes=changes or {},
        note=note[:200],
    )


def audit_record(*, actor, action, target, subject="", changes=None, note=""):
    """Record that `actor` (a user, a command name, or None for the system) did `action`
    to the model instance `target`."""
    event = audit_event(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=getattr(target, "audit_key", target.pk),
        target_repr=str(target),
        subject=subject or getattr(target, "audit_subject", ""),
        changes=changes,
        note=note,
    )
    event.save()
    return event


__all__ = ["AuditAction", "audit_event", "audit_record", "actor_label_for", "user_or_none"]
