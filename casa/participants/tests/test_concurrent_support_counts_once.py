"""The same person supported at the same moment by several sends (two apps, two server
processes): one participant, and each support once, whatever the interleaving. The unique
constraints decide; the receiver takes the row the other send wrote.

Only PostgreSQL runs the transactions truly at once; SQLite skips it."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from casa.participants.models import Participant, SupportEvent

from .helpers import support

THREADS = 4


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sends_make_one_participant_and_count_each_support_once(register,
                                                                              person):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    # A transactional test empties every table, the projects of the data migration too, when
    # an earlier one ran on this database: write them again (and put the hubs in them).
    from importlib import import_module

    from django.apps import apps

    import_module("casa.participants.migrations.0002_funded_projects").create_projects(apps,
                                                                                       None)
    member = person()
    hub = register["hubs"]["san-siro"]
    start = threading.Barrier(THREADS)

    def send(n):
        try:
            start.wait()
            with transaction.atomic():
                # Two distinct supports, each sent twice.
                support(member, hub, dt.date(2026, 3, 2 + n % 2), source=f"test:{n % 2}")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(send, range(THREADS)))

    participant = Participant.objects.get()
    assert participant.entry_date == dt.date(2026, 3, 2)
    assert sorted(SupportEvent.objects.values_list("source", flat=True)) == ["test:0",
                                                                             "test:1"]


@pytest.mark.django_db(transaction=True)
def test_support_told_outside_a_transaction_is_recorded(register, person):
    # The apps tell support inside the transaction that records it; a script or a test may
    # not. The participant's row lock needs a transaction: the receiver makes its own.
    from importlib import import_module

    from django.apps import apps

    import_module("casa.participants.migrations.0002_funded_projects").create_projects(apps,
                                                                                       None)
    member = person()

    support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="test:alone")

    assert Participant.objects.get().fiscal_code == member.fiscal_code
    assert SupportEvent.objects.get().source == "test:alone"
