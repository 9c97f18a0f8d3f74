"""Two clicks at the same moment still send an urgent notice once: the same publishing form
sent from 4 threads at once publishes one notice, and the send button pressed from 4 threads
at once sends it once; each household gets one message per channel. Each thread has its own
database connection.

Only PostgreSQL has the concurrency (and the row locks) this proves; SQLite skips it.
"""

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from casa.notices.models import Notice
from casa.notices.services import notice_publish, notice_send_urgent
from casa.notifications.models import Message
from casa.registry.models import Building

THREADS = 4


def at_once(work):
    start = threading.Barrier(THREADS)

    def run(_):
        try:
            start.wait()
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return [future.result() for future in [pool.submit(run, n) for n in range(THREADS)]]


def one_message_per_household_and_channel():
    keys = list(Message.objects.values_list("household__code", "channel"))
    return len(keys) == len(set(keys)) and sorted(keys) == [("H001", "app"), ("H001", "email")]


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_at_once_publishes_and_sends_once(register, manager):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    key = uuid.uuid4()
    building = Building.objects.get(code="B001")

    notices = at_once(lambda: notice_publish(
        title="Niente acqua", body="Guasto.", audience="building", building=building,
        urgent=True, submission_key=key, acting_user=manager).pk)

    assert len(set(notices)) == 1 and Notice.objects.count() == 1
    assert one_message_per_household_and_channel()


@pytest.mark.django_db(transaction=True)
def test_the_send_button_pressed_at_once_sends_once(register, manager):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    notice = notice_publish(title="Niente gas domani", body="Dalle 9.", audience="building",
                            building=Building.objects.get(code="B001"), urgent=True,
                            published_from=timezone.now() + dt.timedelta(hours=1),
                            acting_user=manager)
    Notice.objects.filter(pk=notice.pk).update(published_from=timezone.now())

    written = at_once(lambda: notice_send_urgent(notice=notice, acting_user=manager))

    assert sorted(written) == [0, 0, 0, 1]
    assert one_message_per_household_and_channel()
