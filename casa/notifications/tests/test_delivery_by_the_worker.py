"""With the database queue, the worker (`manage.py db_worker`) delivers the outbox."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from casa.notifications.models import Channel, Message, Status


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_e_mail_of_a_committed_event(household, invite, database_tasks,
                                                          mailoutbox):
    with transaction.atomic():
        invite(household)

    assert DBTaskResult.objects.count() == 2, "one delivery task per message, after commit"
    assert mailoutbox == [], "nothing is sent until a worker runs"
    assert set(Message.objects.values_list("status", flat=True)) == {Status.PENDING}

    run_worker()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["h001@example.invalid"]
    assert "Energia 2025-26" in email.body
    assert "http://127.0.0.1:8000/energy/calls/energia-2025-26/" in email.body
    sent = Message.objects.get(channel=Channel.EMAIL)
    assert sent.status == Status.SENT
    assert sent.sent_at is not None
    assert sent.attempts == 1
    assert Message.objects.get(channel=Channel.APP).status == Status.SENT
