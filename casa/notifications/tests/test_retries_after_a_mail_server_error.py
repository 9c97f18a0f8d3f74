"""A mail server that is down delays messages and loses none."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casa.notifications.models import Channel, Message, Status
from casa.notifications.tasks import MAX_ATTEMPTS, retry_due_messages

from .conftest import BROKEN_MAIL_SERVER


def time_passes():
    """As if the retry delay had passed."""
    Message.objects.filter(status=Status.PENDING).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_leaves_the_message_queued_and_a_later_retry_sends_it(
    household, invite, immediate_tasks, mailoutbox
):
    with override_settings(EMAIL_BACKEND=BROKEN_MAIL_SERVER), transaction.atomic():
        invite(household)
    # The transaction commits, the delivery runs and the mail server refuses it.
    email = Message.objects.get(channel=Channel.EMAIL)
    assert email.status == Status.PENDING
    assert email.attempts == 1
    assert "Connection refused" in email.last_error
    assert email.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)
    assert mailoutbox == []

    assert retry_due_messages() == 0, "not again before the delay has passed"

    time_passes()
    assert retry_due_messages() == 1

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_after_the_last_attempt_the_message_is_failed_and_can_be_queued_again(
    household, invite, immediate_tasks, mailoutbox
):
    with override_settings(EMAIL_BACKEND=BROKEN_MAIL_SERVER):
        invite(household, channels=["email"])
        for _ in range(MAX_ATTEMPTS - 1):
            time_passes()
            retry_due_messages()
    email = Message.objects.get()
    assert email.status == Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    time_passes()
    assert retry_due_messages() == 0, "a failed message waits for staff"

    output = io.StringIO()
    call_command("send_pending_messages", "--include-failed", stdout=output)
    assert output.getvalue() == "1 message(s) queued for delivery.\n"

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_retry_is_scheduled_for_later(household, invite,
                                                                   database_tasks):
    invite(household, channels=["email"])
    with override_settings(EMAIL_BACKEND=BROKEN_MAIL_SERVER):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    email = Message.objects.get()
    assert email.status == Status.PENDING
    waiting = DBTaskResult.objects.ready()
    assert not waiting.exists(), "the retry does not run before its time"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == email.next_attempt_at
    assert retry_due_messages() == 0, "the scheduled task will retry it: no second task"


@pytest.mark.django_db(transaction=True)
def test_a_message_whose_worker_died_while_sending_is_sent_again(household, invite,
                                                                 database_tasks, mailoutbox):
    invite(household, channels=["email"])
    Message.objects.update(status=Status.SENDING,
                           claimed_at=timezone.now() - dt.timedelta(hours=1))
    DBTaskResult.objects.all().delete()  # the worker took the task with it

    assert retry_due_messages() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert Message.objects.get().status == Status.SENT
    assert len(mailoutbox) == 1
