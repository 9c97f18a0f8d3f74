"""A payment run pays the approved, unpaid amounts once: running it again pays nobody twice."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.models import ApplicationStatus, PaymentLine
from casa.energy.payments import (
    mark_delivered,
    payment_preview,
    payment_run,
    payment_run_confirm,
)
from casa.notifications.models import Message

from .payments_fixtures import TENANT_IBAN, approve, reject

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def approved(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    return {
        "officer": officer,
        "credit": approve(households["H001"], amount="600.00", officer=officer),
        "transfer": approve(households["H002"], amount="400.00", officer=officer,
                            iban=TENANT_IBAN),
        "rejected": reject(households["H003"], officer=officer),
    }


def test_a_run_pays_every_approved_amount_and_they_are_paid_once_confirmed(approved):
    call = approved["credit"].call
    assert payment_preview(call).count == 2
    assert payment_preview(call).total_eur == Decimal("1000.00")

    run = payment_run(call=call, acting_user=approved["officer"])

    assert (run.number, run.lines_count, run.total_eur) == (1, 2, Decimal("1000.00"))
    for key in ("credit", "transfer"):
        approved[key].refresh_from_db()
        assert approved[key].status == ApplicationStatus.APPROVED  # not before confirmation
    mark_delivered(run, actor=approved["officer"])
    payment_run_confirm(run=run, executed_on=TODAY, acting_user=approved["officer"])
    for key in ("credit", "transfer"):
        approved[key].refresh_from_db()
        assert approved[key].status == ApplicationStatus.PAID
    lines = {line.protocol: line for line in run.lines.all()}
    assert lines[approved["credit"].protocol].method == "bill_credit"
    assert lines[approved["transfer"].protocol].method == "transfer"
    assert lines[approved["transfer"].protocol].iban == TENANT_IBAN


def test_running_it_again_pays_nobody_twice(approved):
    call = approved["credit"].call
    payment_run(call=call, acting_user=approved["officer"])

    second = payment_run(call=call, acting_user="scheduler")

    assert second.pk is None
    assert second.lines_count == 0
    assert (second.bill_credit_csv, second.sepa_xml) == ("", "")
    assert PaymentLine.objects.count() == 2
    assert payment_preview(call).count == 0
    assert call.payment_runs.count() == 1


def test_the_bill_credit_csv_has_the_billing_columns_and_only_bill_credits(approved):
    run = payment_run(call=approved["credit"].call, acting_user=approved["officer"])

    rows = list(csv.reader(io.StringIO(run.bill_credit_csv)))
    assert rows == [
        ["household", "unit", "season", "amount", "protocol"],
        ["H001", "U-H001", "2025-26", "600.00", approved["credit"].protocol],
    ]


def test_tenants_are_told_on_confirmation_and_the_audit_trail_records_the_payment(approved):
    run = payment_run(call=approved["credit"].call, acting_user=approved["officer"])
    kinds = Message.objects.filter(kind="energy.paid", channel="app")
    assert not kinds.exists()

    mark_delivered(run, actor=approved["officer"])
    payment_run_confirm(run=run, executed_on=TODAY, acting_user=approved["officer"])

    assert {m.household.code for m in kinds} == {"H001", "H002"}
    assert AuditEvent.objects.filter(target_type="energy.paymentrun",
                                     actor=approved["officer"]).count() == 3
    paid = AuditEvent.objects.filter(target_type="energy.application",
                                     target_id=approved["credit"].protocol).latest("id")
    assert paid.changes["status"] == ["approved", "paid"]
    line = AuditEvent.objects.get(target_type="energy.paymentline",
                                  target_id=f"{approved['credit'].protocol}-1")
    assert line.changes["run"] == str(run)


def test_working_out_what_is_due_takes_the_same_queries_for_many_applications(
        approved, django_assert_max_num_queries):
    call = approved["credit"].call
    with django_assert_max_num_queries(4):
        assert payment_preview(call).count == 2
