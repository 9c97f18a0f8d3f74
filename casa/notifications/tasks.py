"""Delivering the outbox in the background, with retries.

`deliver_message` sends one message. A worker first claims it with a conditional UPDATE
(pending -> sending), so when two workers pick the same message only one sends it. A failure
keeps the message pending with a growing delay (BACKOFF); after MAX_ATTEMPTS it is `failed`,
still in the outbox for staff to see and re-queue. With a queue that can run tasks later (the
database backend), the retry is scheduled at once; `retry_due_messages`, run every minute by
`manage.py send_pending_messages`, is the safety net: it queues messages that are due and have
no task waiting (the queue was down, a worker died, the backend cannot defer).

Delivery is at least once: a worker killed after the mail server accepted a message but
before it recorded that, sends it again after LEASE. Nothing is ever lost.
"""

import datetime as dt
import logging

from django.db.models import F, Q
from django.utils import timezone

from casa.notifications.channels import channel_for
from casa.notifications.models import Message, Status

try:  # Django 6 has the task framework built in; Django 5.2 uses the django-tasks backport.
    from django.tasks import task
except ImportError:
    from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Delay before the next try after the 1st, 2nd, ... failure; the last value repeats.
BACKOFF = [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30),
           dt.timedelta(hours=2), dt.timedelta(hours=12), dt.timedelta(hours=24)]
# A message claimed longer ago than this belongs to a worker that died: try it again.
LEASE = dt.timedelta(minutes=10)
# A task queued for a message that is still pending this long after it was due got lost.
REQUEUE_AFTER = dt.timedelta(minutes=15)


def backoff(attempts):
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


@task()
def deliver_message(message_id):
    """Send one message if it is pending and due. Returns what happened, for the task log."""
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=Status.PENDING, next_attempt_at__lte=now,
    ).update(status=Status.SENDING, claimed_at=now)
    if not claimed:
        return "not due or already taken"
    message = Message.objects.get(pk=message_id)
    try:
        channel_for(message.channel).send(message)
    except Exception as error:  # any failure of a mail server or gateway: try again later
        return _record_failure(message, error)
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="",
        next_attempt_at=None, enqueued_at=None,
    )
    return "sent"


def _record_failure(message, error):
    attempts = message.attempts + 1
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if attempts >= MAX_ATTEMPTS:
        Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.FAILED, attempts=attempts, last_error=error_text,
            next_attempt_at=None, enqueued_at=None,
        )
        logger.error("Message %s gave up after %s attempts: %s", message.pk, attempts,
                     error_text)
        return "failed"
    retry_at = timezone.now() + backoff(attempts)
    can_defer = deliver_message.get_backend().supports_defer
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.PENDING, attempts=attempts, last_error=error_text,
        next_attempt_at=retry_at, enqueued_at=timezone.now() if can_defer else None,
    )
    logger.warning("Message %s not sent (attempt %s), next try at %s: %s", message.pk,
                   attempts, retry_at.isoformat(), error_text)
    if can_defer:
        deliver_message.using(run_after=retry_at).enqueue(message.pk)
    return "will retry"


def enqueue_deliveries(message_ids):
    """Queue a delivery task for each message (called after the writing transaction commits)."""
    Message.objects.filter(pk__in=message_ids, status=Status.PENDING).update(
        enqueued_at=timezone.now())
    for message_id in message_ids:
        deliver_message.enqueue(message_id)


def retry_due_messages(*, include_failed=False):
    """Queue every pending message that is due and has no task waiting for it; return how many.

    Also returns to the queue messages whose worker died while sending (claimed longer ago
    than LEASE) and, with `include_failed`, the ones that gave up (after a long outage).
    """
    now = timezone.now()
    Message.objects.filter(status=Status.SENDING, claimed_at__lte=now - LEASE).update(
        status=Status.PENDING, next_attempt_at=now, enqueued_at=None,
        last_error="The worker stopped while sending; trying again.",
    )
    if include_failed:
        Message.objects.filter(status=Status.FAILED).update(
            status=Status.PENDING, attempts=0, next_attempt_at=now, enqueued_at=None)
    stale = now - REQUEUE_AFTER
    due = list(
        Message.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(enqueued_at__isnull=True)
                | Q(enqueued_at__lte=stale, next_attempt_at__lte=stale))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    if due:
        enqueue_deliveries(due)
    return len(due)
