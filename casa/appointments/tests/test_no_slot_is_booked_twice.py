"""No slot is ever booked twice. The database refuses two active bookings of a Community
Manager at the same start (a conditional unique constraint, on every database); on PostgreSQL,
bookings made at the same moment from 8 threads, each on its own connection, end with one
booking per slot, and overlapping meetings of different lengths never both win (the lock on the
Community Manager's row)."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, connections, transaction

from casa.appointments.booking import BookingError, get_agenda
from casa.appointments.models import Appointment, Status
from casa.registry.models import Household, Unit

from .helpers import MONDAY, at, rome

THREADS = 8
WEDNESDAY = MONDAY + dt.timedelta(days=2)


def households(register, count):
    building = register["households"]["H001"].unit.building
    made = []
    for number in range(count):
        unit = Unit.objects.create(code=f"U-C{number}", building=building)
        made.append(Household.objects.create(code=f"HC{number:03d}", unit=unit,
                                             rent_band="protezione",
                                             tenancy_start=dt.date(2015, 1, 1)))
    return made


def test_the_database_refuses_a_second_active_booking_at_the_same_start(register, hub,
                                                                        manager):
    fields = {"hub": hub, "manager": manager, "topic": "bills", "booked_via": "app",
              "starts_at": rome(WEDNESDAY, 10), "ends_at": rome(WEDNESDAY, 10, 30)}
    first = Appointment.objects.create(household=register["households"]["H001"], **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(household=register["households"]["H003"], **fields)
    first.status = Status.CANCELLED
    first.save()
    Appointment.objects.create(household=register["households"]["H003"], **fields)


def run_together(jobs):
    """Run the callables at the same moment, each in its own thread and connection; returns
    their results (an exception counts as a result)."""
    start = threading.Barrier(len(jobs))

    def run(job):
        try:
            start.wait()
            try:
                return job()
            except BookingError as error:
                return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return [future.result() for future in [pool.submit(run, job) for job in jobs]]


@pytest.mark.django_db(transaction=True)
def test_eight_parallel_bookings_of_one_slot_make_one_booking(register, hub, manager):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    people = households(register, THREADS)
    with at(rome(MONDAY, 8)):
        results = run_together([
            lambda household=household: get_agenda().book(
                household=household, hub=hub, topic="bills", starts_at=rome(WEDNESDAY, 10),
                note="", acting_user=manager)
            for household in people])
    booked = [result for result in results if isinstance(result, Appointment)]
    refused = [result for result in results if isinstance(result, BookingError)]
    assert len(booked) == 1 and len(refused) == THREADS - 1, results
    assert {error.code for error in refused} == {"taken"}
    assert Appointment.objects.filter(status=Status.BOOKED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_overlapping_meetings_of_different_lengths_never_both_win(register, hub, manager):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    people = households(register, THREADS)
    # Home visits of an hour at 9:00, 10:00, 11:00, 12:00 against meetings of half an hour
    # at 9:30, 10:30, 11:30, 12:30: each pair overlaps, and the constraint alone (different
    # starts) would let both through.
    jobs = []
    for index, household in enumerate(people):
        hour = 9 + index // 2
        topic, minute = ("home_visit", 0) if index % 2 == 0 else ("bills", 30)
        jobs.append(lambda household=household, topic=topic, hour=hour, minute=minute:
                    get_agenda().book(household=household, hub=hub, topic=topic,
                                      starts_at=rome(WEDNESDAY, hour, minute), note="",
                                      acting_user=manager))
    with at(rome(MONDAY, 8)):
        run_together(jobs)
    booked = list(Appointment.objects.filter(status=Status.BOOKED).order_by("starts_at"))
    assert len(booked) == 4
    for earlier, later in zip(booked, booked[1:], strict=False):
        assert earlier.ends_at <= later.starts_at
