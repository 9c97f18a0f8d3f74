"""The retention mechanism (casa/core/retention.py), on a record type of core's own (the runs of
periodic jobs, their summary standing for personal data): what expired is pseudonymised or
removed and what did not is untouched, the day of the cut-off is kept, a second run does
nothing, a dry run changes nothing, and a batch is all or nothing."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Q

from casa.core import retention
from casa.core.models import AuditEvent, PeriodicRun

NOW = dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC)


def blank_summaries(runs):
    runs.update(summary="")


@pytest.fixture
def policies():
    """Two policies on PeriodicRun, declared for the test and forgotten afterwards."""
    declared = {
        "pseudonymise": retention.declare(
            "test.run_summary", model="core.PeriodicRun", counts_from="started_at", months=12,
            action=retention.PSEUDONYMISE, pseudonymise=blank_summaries,
            still_personal=~Q(summary="")),
        "delete": retention.declare(
            "test.run", model="core.PeriodicRun", counts_from="slot", months=24,
            action=retention.DELETE),
    }
    yield declared
    for policy in declared.values():
        del retention.POLICIES[policy.name]


def run(started_at, summary="Mario Rossi"):
    return PeriodicRun.objects.create(job=f"test.{summary}", slot=started_at,
                                      started_at=started_at, summary=summary)


def test_expired_records_are_pseudonymised_and_the_day_of_the_cutoff_is_kept(db, policies):
    cutoff = dt.datetime(2029, 6, 15, 12, 0, tzinfo=dt.UTC)  # NOW less 12 months
    expired = run(cutoff - dt.timedelta(microseconds=1))
    on_the_cutoff = run(cutoff)
    recent = run(NOW - dt.timedelta(days=1))

    outcome = retention.apply(policies["pseudonymise"], now=NOW)

    assert outcome.done == 1 and outcome.cutoff == cutoff
    assert PeriodicRun.objects.get(pk=expired.pk).summary == ""
    assert PeriodicRun.objects.get(pk=on_the_cutoff.pk).summary == "Mario Rossi"
    assert PeriodicRun.objects.get(pk=recent.pk).summary == "Mario Rossi"
    assert outcome.oldest_kept == cutoff
    # The audit trail says what was done, by the record's code only.
    event = AuditEvent.objects.get(target_type="core.periodicrun", target_id=str(expired.pk))
    assert event.action == "update" and event.actor_label == "apply_retention"
    assert "Mario" not in f"{event.target_repr} {event.note} {event.changes}"


def test_a_second_run_does_nothing_more(db, policies):
    for days in (400, 500, 600):
        run(NOW - dt.timedelta(days=days))
    assert retention.apply(policies["pseudonymise"], now=NOW).done == 3
    events = AuditEvent.objects.count()
    assert retention.apply(policies["pseudonymise"], now=NOW).done == 0
    assert AuditEvent.objects.count() == events


def test_a_dry_run_counts_and_changes_nothing(db, policies):
    old = run(NOW - dt.timedelta(days=800))
    outcome = retention.apply(policies["delete"], now=NOW, dry_run=True)
    assert outcome.done == 1 and outcome.dry_run
    assert PeriodicRun.objects.filter(pk=old.pk).exists()
    assert not AuditEvent.objects.exists()


def test_expired_records_are_removed_in_batches(db, policies):
    old = [run(NOW - dt.timedelta(days=800 + day)) for day in range(5)]
    kept = run(NOW - dt.timedelta(days=10))
    outcome = retention.apply(policies["delete"], now=NOW, batch_size=2)
    assert (outcome.done, outcome.batches) == (5, 3)
    assert list(PeriodicRun.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.filter(action="delete").count() == len(old)


def test_a_batch_that_fails_half_way_leaves_nothing_half_done(db, policies):
    """A run killed in the middle of a batch: the batch's transaction never commits, so its
    records are all untouched (and the batches before it all done)."""
    runs = [run(NOW - dt.timedelta(days=400 + day), summary=f"person {day}")
            for day in range(4)]
    calls = []

    def dies_in_the_second_batch(batch):
        calls.append(1)
        first = batch.order_by("pk").first()
        batch.filter(pk=first.pk).update(summary="")  # half the batch written...
        if len(calls) == 2:
            raise KeyboardInterrupt  # ...then the process is stopped
        batch.update(summary="")

    policy = retention.declare(
        "test.dies", model="core.PeriodicRun", counts_from="started_at", months=12,
        action=retention.PSEUDONYMISE, pseudonymise=dies_in_the_second_batch,
        still_personal=~Q(summary=""))
    try:
        with pytest.raises(KeyboardInterrupt):
            retention.apply(policy, now=NOW, batch_size=2)
        summaries = [PeriodicRun.objects.get(pk=r.pk).summary for r in runs]
        assert summaries == ["", "", "person 2", "person 3"]
        assert AuditEvent.objects.count() == 2  # the first batch's, none of the second's
        # The next run picks up the rest.
        del retention.POLICIES["test.dies"]
        assert retention.apply(policies["pseudonymise"], now=NOW).done == 2
    finally:
        retention.POLICIES.pop("test.dies", None)


def test_the_command_reports_per_record_type_and_its_dry_run_changes_nothing(db, policies,
                                                                            capsys):
    import io

    old = run(dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--only", "test.run", stdout=out)
    assert "test.run: 1 would be removed" in out.getvalue()
    assert PeriodicRun.objects.filter(pk=old.pk).exists()

    out = io.StringIO()
    call_command("apply_retention", "--only", "test.run", "test.run_summary", stdout=out)
    assert "test.run: 1 removed" in out.getvalue()
    assert "test.run_summary: 0 pseudonymised" in out.getvalue()
    assert not PeriodicRun.objects.filter(pk=old.pk).exists()


def test_an_unknown_record_type_is_refused_with_a_message(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown record type"):
        call_command("apply_retention", "--only", "nothing.here")


def test_the_months_of_a_period_are_calendar_months():
    assert retention.months_before(dt.date(2030, 3, 31), 1) == dt.date(2030, 2, 28)
    assert retention.months_before(dt.date(2030, 1, 15), 13) == dt.date(2028, 12, 15)
    assert retention.months_before(dt.date(2030, 1, 15), 60) == dt.date(2025, 1, 15)


def test_a_period_can_be_set_per_record_type(db, policies, settings):
    settings.CASA_RETENTION_MONTHS = {"test.run_summary": 1}
    recent = run(NOW - dt.timedelta(days=40))
    assert retention.apply(policies["pseudonymise"], now=NOW).done == 1
    assert PeriodicRun.objects.get(pk=recent.pk).summary == ""


def test_the_daily_job_applies_retention():
    from casa.core import periodic

    assert periodic.JOBS["core.apply_retention"].every == dt.timedelta(days=1)


def test_every_app_declares_its_retention():
    declared = {name.split(".")[0] for name in retention.POLICIES}
    assert {"core", "casework", "care", "reports", "appointments", "activities",
            "notifications", "participants"} <= declared
