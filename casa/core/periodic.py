"""Periodic work: a registry of jobs that each app fills, and the one entry point that runs
those that are due, once, however many schedulers run (`manage.py run_periodic`).

An app registers its jobs in its own `periodic.py`, which core loads at startup
(autodiscover, as for `audit_trail.py`); core knows no domain:

    # casa/notifications/periodic.py
    periodic.register("notifications.send_pending_messages", every=timedelta(minutes=1),
                      function=send_pending)

Time is cut into slots of each job's period, counted from the Unix epoch (a daily job's slot
starts at midnight UTC). A job is due once per slot: the scheduler claims the slot by
inserting a `PeriodicRun` row, unique on (job, slot), in its own transaction; a second
scheduler's insert fails (on PostgreSQL it waits for the first to commit, then fails), so it
skips the job. A slot nobody ran (the scheduler was down) is not caught up: the next slot
runs. A job that fails is recorded with its error and runs again in its next slot; jobs must
be safe to run again (they all are: they pick up what is pending).
"""

import datetime as dt
import logging
import time
import traceback
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Runs are kept this long (what ran when, and the errors), then forgotten by a job of core's.
KEEP_RUNS = dt.timedelta(days=30)


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    function: object  # called with no arguments; may return a short summary


JOBS: dict[str, Job] = {}


def register(name, *, every, function):
    """Register a periodic job: `name` ("app.what_it_does"), its period (a timedelta of at
    least a minute, the scheduler's tick) and the function to call."""
    if "." not in name:
        raise ValueError(f"Periodic job names look like 'app.what_it_does', not {name!r}")
    if every < dt.timedelta(minutes=1) or every.total_seconds() % 60:
        raise ValueError(f"Periodic job {name!r}: the period must be whole minutes")
    job = Job(name, every, function)
    if JOBS.get(name, job) != job:
        raise ValueError(f"Periodic job {name!r} is registered twice, differently")
    JOBS[name] = job
    return job


def slot_of(job, now):
    """The start of the slot `now` falls in."""
    period = job.every.total_seconds()
    elapsed = (now - EPOCH).total_seconds()
    return EPOCH + dt.timedelta(seconds=(elapsed // period) * period)


def claim(job, slot):
    """The PeriodicRun of this job and slot if this scheduler claimed it; None if another did."""
    from .models import PeriodicRun

    try:
        with transaction.atomic():
            return PeriodicRun.objects.create(job=job.name, slot=slot,
                                              started_at=timezone.now())
    except IntegrityError:
        return None


def run_job(job, run):
    started = time.monotonic()
    try:
        summary = job.function()
    except Exception:  # noqa: BLE001  one job's failure must not stop the others
        logger.exception("Periodic job %s failed", job.name)
        run.error = traceback.format_exc()[-4000:]
    else:
        run.summary = str(summary or "")[:500]
    run.finished_at = timezone.now()
    run.save(update_fields=["error", "summary", "finished_at"])
    # A failure is logged above; a run that did its work is not news every minute.
    logger.debug("Periodic job %s: %s (%.1f s)", job.name, run.summary or "done",
                 time.monotonic() - started)
    return run


def run_due(*, now=None, jobs=None):
    """Run every job due now (of `jobs`, default all registered) that no other scheduler has
    claimed; the runs this one made."""
    now = now or timezone.now()
    runs = []
    for job in sorted((JOBS if jobs is None else jobs).values(), key=lambda job: job.name):
        run = claim(job, slot_of(job, now))
        if run is not None:
            runs.append(run_job(job, run))
    return runs


def forget_old_runs():
    from .models import PeriodicRun

    deleted, _ = PeriodicRun.objects.filter(slot__lt=timezone.now() - KEEP_RUNS).delete()
    return f"{deleted} old runs forgotten"


register("core.forget_old_periodic_runs", every=dt.timedelta(days=1), function=forget_old_runs)


def apply_retention():
    from . import retention

    outcomes = retention.apply_all()
    return "; ".join(f"{o.policy.name} {o.done}" for o in outcomes if o.done) or "nothing expired"


register("core.apply_retention", every=dt.timedelta(days=1), function=apply_retention)
