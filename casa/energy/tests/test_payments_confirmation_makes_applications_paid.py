"""A run is prepared, then its files are handed over (the first download, audited), then its
execution is confirmed by someone who may pay, with the date and a reference: only then are
applications paid and tenants told. A date in the future or before the run is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.models import ApplicationStatus, PaymentLineState, PaymentRunState
from casa.energy.payments import mark_delivered, payment_run, payment_run_confirm
from casa.notifications.models import Message

from .backoffice import login
from .fixtures import household
from .payments_fixtures import TENANT_IBAN, approve

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CODE = "energia-2025-26"


@pytest.fixture
def prepared(register, make_user):
    officer = make_user("benefit_officer")
    households = register["households"]
    approve(households["H001"], amount="600.00", officer=officer)
    approve(households["H002"], amount="400.00", officer=officer, iban=TENANT_IBAN)
    run = payment_run(call=households["H001"].energy_applications.get().call,
                      acting_user=officer)
    return {"officer": officer, "run": run, "households": households}


def page(client, number=1):
    return client.get(reverse("energy:payment_run", kwargs={"code": CODE, "number": number}))


def test_nothing_is_paid_and_nobody_told_until_the_confirmation(prepared):
    run, officer = prepared["run"], prepared["officer"]
    assert run.state == PaymentRunState.PREPARED
    mark_delivered(run, actor=officer)
    assert not Message.objects.filter(kind="energy.paid").exists()
    assert set(run.lines.values_list("state", flat=True)) == {PaymentLineState.SENT}

    payment_run_confirm(run=run, executed_on=timezone.localdate(), reference="CBI-123",
                        acting_user=officer)

    run.refresh_from_db()
    assert (run.state, run.confirmation_reference, run.confirmed_by) == (
        PaymentRunState.CONFIRMED, "CBI-123", officer)
    assert set(run.lines.values_list("state", flat=True)) == {PaymentLineState.PAID}
    for found in prepared["households"].values():
        application = found.energy_applications.first()
        if application is not None and application.approved_amount_eur:
            assert application.status == ApplicationStatus.PAID
    assert Message.objects.filter(kind="energy.paid", channel="app").count() == 2


def test_a_run_whose_files_were_not_handed_over_cannot_be_confirmed(prepared):
    with pytest.raises(ValidationError, match="have not been handed over"):
        payment_run_confirm(run=prepared["run"], executed_on=timezone.localdate(),
                            acting_user=prepared["officer"])


@pytest.mark.parametrize("days, message", [
    (1, "is in the future"),
    (-400, "is before the run was prepared"),
])
def test_an_execution_date_in_the_future_or_before_the_run_is_refused(prepared, days,
                                                                      message):
    run = prepared["run"]
    mark_delivered(run, actor=prepared["officer"])
    with pytest.raises(ValidationError, match=message):
        payment_run_confirm(run=run, executed_on=timezone.localdate() + dt.timedelta(days=days),
                            acting_user=prepared["officer"])
    run.refresh_from_db()
    assert run.state == PaymentRunState.DELIVERED


def test_the_first_download_hands_the_files_over_and_is_audited(client, prepared):
    login(client, prepared["officer"])
    assert 'id="run-undelivered"' in page(client).content.decode()
    runs = client.get(reverse("energy:payment_runs", kwargs={"code": CODE})).content.decode()
    assert 'id="undelivered-runs"' in runs and "never handed over" in runs

    client.get(reverse("energy:payment_run_sepa", kwargs={"code": CODE, "number": 1}))
    client.get(reverse("energy:payment_run_csv", kwargs={"code": CODE, "number": 1}))

    run = prepared["run"]
    run.refresh_from_db()
    assert run.state == PaymentRunState.DELIVERED
    assert run.delivered_by_label == prepared["officer"].email
    handed_over = AuditEvent.objects.filter(target_type="energy.paymentrun",
                                            changes__state=["prepared", "delivered"])
    assert handed_over.count() == 1
    assert handed_over.get().changes["how"] == "downloaded (xml)"
    runs = client.get(reverse("energy:payment_runs", kwargs={"code": CODE})).content.decode()
    assert 'id="undelivered-runs"' not in runs


def test_runs_never_handed_over_are_listed_first(client, prepared):
    officer = prepared["officer"]
    mark_delivered(prepared["run"], actor=officer)
    approve(household(), amount="100.00", officer=officer)
    second = payment_run(call=prepared["run"].call, acting_user=officer)
    assert second.number == 2
    mark_delivered(second, actor=officer)
    approve(household(), amount="120.00", officer=officer)
    third = payment_run(call=prepared["run"].call, acting_user=officer)
    login(client, officer)

    text = client.get(reverse("energy:payment_runs", kwargs={"code": CODE})).content.decode()

    table = text[text.index("<tbody>"):]
    order = [table.index(f">Run {number}<") for number in (third.number, 2, 1)]
    assert order == sorted(order)
    assert "files never handed over" in table


def test_staff_record_the_confirmation_on_the_run_page(client, prepared, english):
    login(client, prepared["officer"])
    client.get(reverse("energy:payment_run_csv", kwargs={"code": CODE, "number": 1}))
    confirm = reverse("energy:payment_run_confirm", kwargs={"code": CODE, "number": 1})

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused = client.post(confirm, {"executed_on": tomorrow.isoformat(), "reference": "X"})
    assert refused.status_code == 400
    assert "is in the future" in refused.content.decode()
    assert not Message.objects.filter(kind="energy.paid").exists()

    response = client.post(confirm, {"executed_on": timezone.localdate().isoformat(),
                                     "reference": "CBI-2026-77"}, follow=True)

    text = response.content.decode()
    assert "Payment run 1 confirmed" in text
    assert "CBI-2026-77" in text
    assert prepared["run"].lines.filter(state="paid").count() == 2


def test_an_auditor_cannot_confirm_a_run(client, prepared, make_user):
    mark_delivered(prepared["run"], actor=prepared["officer"])
    login(client, make_user("auditor"))
    response = client.post(reverse("energy:payment_run_confirm",
                                   kwargs={"code": CODE, "number": 1}),
                           {"executed_on": timezone.localdate().isoformat()})
    assert response.status_code == 403
    assert "Record the confirmation" not in page(client).content.decode()
