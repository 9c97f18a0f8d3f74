"""Periodic jobs run once per period, however many schedulers run (casa/core/periodic.py)."""

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection, connections

from casa.core import periodic
from casa.core.models import PeriodicRun

NOW = dt.datetime(2026, 12, 1, 9, 30, 20, tzinfo=dt.UTC)


class Counter:
    def __init__(self, pause=0.0):
        self.calls = 0
        self.pause = pause
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.calls += 1
        time.sleep(self.pause)  # a job that takes a while, as the others try to claim it
        return "counted"


def jobs(**counters):
    return {name: periodic.Job(name, dt.timedelta(minutes=minutes), counter)
            for name, (minutes, counter) in counters.items()}


def test_two_schedulers_one_after_the_other_run_each_due_job_once(db):
    every_minute, every_ten = Counter(), Counter()
    registry = jobs(**{"test.minutely": (1, every_minute), "test.ten": (10, every_ten)})

    first = periodic.run_due(now=NOW, jobs=registry)
    second = periodic.run_due(now=NOW + dt.timedelta(seconds=20), jobs=registry)

    assert [run.job for run in first] == ["test.minutely", "test.ten"]
    assert second == []
    assert (every_minute.calls, every_ten.calls) == (1, 1)


def test_each_job_runs_again_in_its_next_slot(db):
    every_minute, every_ten = Counter(), Counter()
    registry = jobs(**{"test.minutely": (1, every_minute), "test.ten": (10, every_ten)})

    for minute in range(10):  # 09:30 to 09:39, one scheduler tick a minute
        periodic.run_due(now=NOW + dt.timedelta(minutes=minute), jobs=registry)

    assert (every_minute.calls, every_ten.calls) == (10, 1)
    assert list(PeriodicRun.objects.filter(job="test.ten").values_list("slot", flat=True)) == [
        dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)]


def test_a_failing_job_is_recorded_and_the_others_still_run(db):
    def broken():
        raise RuntimeError("the mail server is down")

    counter = Counter()
    registry = {"test.a_broken": periodic.Job("test.a_broken", dt.timedelta(minutes=1), broken),
                **jobs(**{"test.b_fine": (1, counter)})}

    runs = periodic.run_due(now=NOW, jobs=registry)

    assert counter.calls == 1
    assert "the mail server is down" in runs[0].error and runs[0].finished_at is not None
    assert runs[1].summary == "counted" and runs[1].error == ""


@pytest.mark.django_db(transaction=True)
def test_schedulers_running_at_the_same_moment_run_each_job_once():
    """Several schedulers (cron on two machines, or two timers) tick at the same moment. On
    PostgreSQL each runs in its own thread and connection, truly at once."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    schedulers = 6
    counter = Counter(pause=0.2)
    registry = jobs(**{"test.minutely": (1, counter)})
    start = threading.Barrier(schedulers)

    def tick(_n):
        try:
            start.wait()
            return len(periodic.run_due(now=NOW, jobs=registry))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=schedulers) as pool:
        ran = list(pool.map(tick, range(schedulers)))

    assert counter.calls == 1
    assert sorted(ran) == [0] * (schedulers - 1) + [1]
    assert PeriodicRun.objects.filter(job="test.minutely").count() == 1


def test_the_apps_register_their_periodic_work():
    assert {"notifications.send_pending_messages", "energy.recompute_pending",
            "core.forget_old_periodic_runs"} <= set(periodic.JOBS)


def test_run_periodic_runs_the_registered_jobs_once_per_period(db, capsys):
    call_command("run_periodic", verbosity=2)
    first = capsys.readouterr().out
    call_command("run_periodic", verbosity=2)

    assert "notifications.send_pending_messages:" in first
    assert capsys.readouterr().out == ""


def test_a_job_name_or_period_that_cannot_work_is_refused():
    with pytest.raises(ValueError, match="app.what_it_does"):
        periodic.register("nodot", every=dt.timedelta(minutes=1), function=print)
    with pytest.raises(ValueError, match="whole minutes"):
        periodic.register("test.fast", every=dt.timedelta(seconds=30), function=print)
