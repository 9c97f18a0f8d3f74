"""After "resolved" the reporter's household and the followers are asked whether it is really
fixed. The reporter's household can reopen it, or confirm it, within rules.REOPEN_DAYS;
afterwards the periodic job closes it, and reopening is refused with a clear message."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casa.notifications.models import Message
from casa.reports.rules import REOPEN_DAYS
from casa.reports.services import (
    report_answer_fixed,
    report_change_status,
    report_create,
    report_follow,
    reports_close_resolved,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(tenant, neighbour, manager, lift):
    now = timezone.now()
    report = report_create(category=lift, place="entrance", description="Fermo.",
                           acting_user=tenant, now=now)
    report_follow(report=report, acting_user=neighbour)
    report_change_status(report=report, status="resolved", acting_user=manager,
                         public_message="Riparato il motore.", now=now)
    report.refresh_from_db()
    return report, now


def test_the_household_and_the_followers_are_asked_once_each(register, resolved,
                                                             neighbour_household):
    asked = Message.objects.filter(kind="reports.resolved", channel="app")
    assert {message.household for message in asked} == {register["households"]["H001"],
                                                         neighbour_household}
    assert "Riparato il motore." in asked.first().body


def test_not_fixed_reopens_it_within_the_days(resolved, tenant):
    report, now = resolved
    with pytest.raises(ValidationError):  # "not fixed" says what is wrong
        report_answer_fixed(report=report, fixed=False, acting_user=tenant, now=now)
    report_answer_fixed(report=report, fixed=False, comment="Si è fermato di nuovo.",
                        acting_user=tenant,
                        now=now + dt.timedelta(days=REOPEN_DAYS) - dt.timedelta(minutes=1))
    report.refresh_from_db()
    assert report.status == "in_progress" and report.resolved_at is None


def test_fixed_closes_it(resolved, tenant):
    report, now = resolved
    report_answer_fixed(report=report, fixed=True, acting_user=tenant, now=now)
    report.refresh_from_db()
    assert report.status == "closed" and report.closed_at == now


def test_after_the_days_it_can_no_longer_be_reopened(resolved, tenant):
    report, now = resolved
    with pytest.raises(ValidationError) as refused:
        report_answer_fixed(report=report, fixed=False, comment="Rotto.", acting_user=tenant,
                            now=now + dt.timedelta(days=REOPEN_DAYS))
    assert "fixed" in refused.value.message_dict
    report.refresh_from_db()
    assert report.status == "resolved"


def test_only_the_reporting_household_answers(resolved, neighbour, manager):
    report, now = resolved
    for user in (neighbour, manager):
        with pytest.raises(PermissionDenied):
            report_answer_fixed(report=report, fixed=False, comment="x", acting_user=user,
                                now=now)


def test_the_job_closes_what_nobody_reopened_and_nothing_earlier(resolved, tenant, lift):
    report, now = resolved
    assert reports_close_resolved(now=now + dt.timedelta(days=REOPEN_DAYS) -
                                  dt.timedelta(seconds=1)) == 0
    assert reports_close_resolved(now=now + dt.timedelta(days=REOPEN_DAYS)) == 1
    report.refresh_from_db()
    assert report.status == "closed"
    closing = report.updates.order_by("at", "id").last()
    assert closing.actor is None and closing.to_status == "closed"


def test_the_daily_job_closes_them_through_the_scheduler(resolved):
    from casa.core import periodic

    report, now = resolved
    job = periodic.JOBS["reports.close_resolved"]
    assert job.every == dt.timedelta(days=1)

    later = now + dt.timedelta(days=REOPEN_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        (run,) = periodic.run_due(now=later, jobs={job.name: job})

    report.refresh_from_db()
    assert run.error == "" and run.summary == "1 report(s) closed"
    assert report.status == "closed"
