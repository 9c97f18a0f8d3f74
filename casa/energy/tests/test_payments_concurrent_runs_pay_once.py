"""Two payment runs started at the same moment (a click and the scheduler) pay every amount
once: each run locks the call's row, so the second waits and then finds everything paid.

Only PostgreSQL has the row locks (and the concurrency) this proves; SQLite skips it.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum

from casa.energy.models import PaymentLine, PaymentRun
from casa.energy.payments import payment_run

from .payments_fixtures import TENANT_IBAN, approve

RUNS = 4


@pytest.mark.django_db(transaction=True)
def test_runs_started_at_the_same_moment_pay_every_amount_once(register, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    officer = make_user("benefit_officer")
    households = register["households"]
    # The register fixture puts H003 in a band the call does not admit.
    households["H003"].rent_band = "protezione"
    households["H003"].save(update_fields=["rent_band"])
    call = approve(households["H001"], amount="600.00", officer=officer).call
    approve(households["H002"], amount="400.00", officer=officer, iban=TENANT_IBAN)
    approve(households["H003"], amount="250.00", officer=officer)
    start = threading.Barrier(RUNS)

    def run(_):
        try:
            start.wait()
            return payment_run(call=call, acting_user=officer).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        saved = [pk for pk in pool.map(run, range(RUNS)) if pk is not None]

    assert len(saved) == 1
    assert PaymentRun.objects.count() == 1
    assert PaymentLine.objects.count() == 3
    total = PaymentLine.objects.aggregate(total=Sum("amount_eur"))["total"]
    assert total == Decimal("1250.00")
