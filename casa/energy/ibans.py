"""Reads about the bank accounts of applications, for the review page: the other households
whose current applications name the same IBAN (one account paid for two homes is worth a
second look; it may be a mistake, a carer's account, or fraud), and the changes of account
after submission."""

from __future__ import annotations

from casa.core.models import AuditAction, AuditEvent
from casa.registry.access import visible_households

from .models import Application, ApplicationStatus


def households_sharing_iban(application, *, user=None):
    """The current applications (to the same call, not rejected) of other households that name
    the same IBAN as `application`, with their household, oldest first; empty when it has no
    IBAN. With `user`, only those of households the user may see, so the flag tells nobody
    about a household outside their scope."""
    if not application.iban:
        return Application.objects.none()
    others = (Application.objects
              .filter(call_id=application.call_id, iban=application.iban)
              .exclude(household_id=application.household_id)
              .exclude(status=ApplicationStatus.REJECTED)
              .select_related("household")
              .order_by("submitted_at", "id"))
    if user is not None:
        others = others.filter(household__in=visible_households(user))
    return others


def iban_changes(application):
    """The changes of the application's bank account after submission (applying.
    application_change_iban), oldest first, from the audit trail: each event's `actor_label`,
    `at` and `changes` {"iban": [old, new] masked, "iban_holder": [old, new] fiscal codes, and
    "reauthenticated": "password" or the "identity_document" checked at the desk}."""
    return (AuditEvent.objects
            .filter(target_type=Application._meta.label_lower, target_id=application.protocol,
                    action=AuditAction.UPDATE, changes__has_key="iban_holder")
            .exclude(changes__has_key="status")
            .order_by("at", "id"))
