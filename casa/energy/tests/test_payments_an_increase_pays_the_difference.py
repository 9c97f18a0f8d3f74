"""When actual costs raise an approved amount (a recomputation decision), the next run pays only
the difference, under the new decision; every line is traceable to its decision."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from casa.energy.models import ApplicationStatus, PaymentLine
from casa.energy.payments import payment_run

from .payments_fixtures import approve, pay, recompute

pytestmark = pytest.mark.django_db


def test_an_increase_after_recomputation_pays_only_the_difference(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H001"], amount="350.00", officer=officer)
    first = pay(application.call, officer=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID

    recomputation = recompute(application, amount="480.00", officer=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED  # 130 € owed again
    second = payment_run(call=application.call, acting_user=officer)

    line = second.lines.get()
    assert (second.number, line.amount_eur, line.decision) == (2, Decimal("130.00"),
                                                              recomputation)
    assert line.end_to_end_id == f"{application.protocol}-2"
    assert first.lines.get().decision == application.decisions.order_by("decided_at").first()
    assert sum(line.amount_eur for line in application.payment_lines.all()) == Decimal("480.00")
    assert payment_run(call=application.call, acting_user=officer).pk is None


def test_every_line_names_the_decision_and_application_it_pays(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H002"], amount="400.00", officer=officer)
    run = payment_run(call=application.call, acting_user=officer)

    line = run.lines.get()
    assert line.application == application
    assert line.decision.application == application
    assert line.decision.amount_eur == Decimal("400.00")
    assert line.protocol == application.protocol


def test_the_database_refuses_a_second_payment_of_the_same_decision(register, make_user):
    officer = make_user("benefit_officer")
    application = approve(register["households"]["H001"], amount="200.00", officer=officer)
    line = payment_run(call=application.call, acting_user=officer).lines.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentLine.objects.create(
            run=line.run, application=application, decision=line.decision,
            household=line.household, unit_code=line.unit_code, season=line.season,
            amount_eur=Decimal("200.00"), method=line.method, end_to_end_id="other-id",
            protocol=line.protocol)
