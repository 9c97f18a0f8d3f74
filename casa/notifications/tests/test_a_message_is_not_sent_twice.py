"""Two workers picking the same message send it once: nobody gets an e-mail twice."""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from casa.notifications.models import Message, Status
from casa.notifications.tasks import deliver_message


def test_delivering_the_same_message_twice_sends_one_e_mail(household, invite, mailoutbox):
    [email] = invite(household, channels=["email"])

    assert deliver_message.call(email.pk) == "sent"
    assert deliver_message.call(email.pk) == "not due or already taken"

    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_a_message_another_worker_is_sending_is_left_to_it(household, invite, mailoutbox):
    [email] = invite(household, channels=["email"])
    Message.objects.filter(pk=email.pk).update(status=Status.SENDING, claimed_at=timezone.now())

    assert deliver_message.call(email.pk) == "not due or already taken"
    assert mailoutbox == []


class SlowMailServer(EmailBackend):
    """Takes its time, so that two workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent connections need a server database")
@pytest.mark.django_db(transaction=True)
@override_settings(EMAIL_BACKEND="casa.notifications.tests."
                                 "test_a_message_is_not_sent_twice.SlowMailServer")
def test_two_workers_racing_for_one_message_send_it_once(household, invite):
    [email] = invite(household, channels=["email"])
    mail.outbox = []
    results = []
    start = threading.Barrier(2)

    def worker():
        start.wait()
        try:
            results.append(deliver_message.call(email.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["not due or already taken", "sent"]
    assert len(mail.outbox) == 1
