"""How long the outbox keeps what was sent (casa/core/retention.py; periods and why in
docs/decisions.md, "Retention"). A year after it was sent, a message keeps its kind, channel,
subject, dates and recipient household or account (the tenant's inbox still lists it), and
loses its text, link, the context it was written from, its attachments, its last error and the
address it went to (a contractor's address, the only recipient of an external message, stays)."""

from django.db.models import Case, F, Q, Value, When

from casa.core import retention

from .models import Status

REMOVED = ""


def pseudonymise_messages(messages):
    messages.update(body=REMOVED, link=REMOVED, context={}, attachments=[],
                    last_error=REMOVED,
                    address=Case(When(Q(household__isnull=False) | Q(user__isnull=False),
                                      then=Value(REMOVED)), default=F("address")))


retention.declare(
    "notifications.message", model="notifications.Message", counts_from="sent_at", months=12,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_messages,
    only=Q(status=Status.SENT), still_personal=~Q(body=REMOVED),
    description="sent messages: text, link, context, attachments, address",
)
