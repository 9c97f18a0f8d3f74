"""Concurrent registrations never confirm more people than the places: 40 households register
one person each for an event with 10 places, from 8 threads at once, each on its own database
connection. Each registration locks the event's row, so exactly 10 are confirmed and 30 wait,
in the order they were served, with positions 1 to 30.

Only PostgreSQL has the row locks (and the concurrency) this proves; SQLite skips it.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.db.models import Sum

from casa.events import selectors
from casa.events.models import Event, Registration
from casa.events.services import registration_cancel, registration_create
from casa.registry.models import Household

THREADS = 8
HOUSEHOLDS = 40


def run_in_threads(work, shares):
    start = threading.Barrier(THREADS)

    def run(share):
        try:
            start.wait()  # every thread starts at the same moment
            for item in share:
                work(item)
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(run, share) for share in shares]
        for future in futures:
            future.result()  # re-raise any error of a thread


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_confirm_more_people_than_the_places(
    make_event, make_household, organiser
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    event = make_event(capacity=10, max_people=1)
    ids = [make_household().pk for _ in range(HOUSEHOLDS)]

    def register(pk):
        registration_create(event=Event.objects.get(pk=event.pk),
                            household=Household.objects.get(pk=pk), people=1,
                            acting_user=organiser)

    run_in_threads(register, [ids[i::THREADS] for i in range(THREADS)])

    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status="confirmed").aggregate(
        people=Sum("people"))["people"] == 10
    assert registrations.filter(status="waiting").count() == 30
    waiting = list(selectors.waiting_list(event))
    assert [selectors.waiting_position(r) for r in waiting] == list(range(1, 31))


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_household_once(
    make_event, make_household, organiser
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    event = make_event(capacity=8, max_people=1)
    confirmed = [registration_create(event=event, household=make_household(), people=1,
                                     acting_user=organiser)[0] for _ in range(8)]
    for _ in range(12):
        registration_create(event=event, household=make_household(), people=1,
                            acting_user=organiser)

    def cancel(pk):
        registration_cancel(registration=Registration.objects.get(pk=pk),
                            acting_user=organiser)

    run_in_threads(cancel, [[r.pk] for r in confirmed])

    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status="confirmed").count() == 8
    assert registrations.filter(status="waiting").count() == 4
    from casa.notifications.models import Message

    assert Message.objects.filter(kind="events.promoted", channel="app").count() == 8
