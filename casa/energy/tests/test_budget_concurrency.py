"""Concurrent approvals never commit more than the call's budget: 40 applications of 100 €
against a 1,000 € budget, approved from 8 threads at once, each on its own database
connection. Each approval locks the call's row, so exactly 10 are approved and 30 wait.

Only PostgreSQL has the row locks (and the concurrency) this proves; SQLite skips it.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum

from casa.energy.decisions import application_decide
from casa.energy.models import Application, ApplicationStatus, BudgetEntry, Call

from .review_helpers import application, household, review_call

THREADS = 8
APPLICATIONS = 40


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_commit_more_than_the_budget(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    officer = make_user("benefit_officer")
    call = review_call(budget="1000.00")
    ids = [application(call, household(), submitter=officer, minutes=n).pk
           for n in range(APPLICATIONS)]
    start = threading.Barrier(THREADS)

    def approve_share(share):
        try:
            start.wait()  # every thread starts approving at the same moment
            for pk in share:
                application_decide(application=Application.objects.get(pk=pk), approve=True,
                                   note="", acting_user=officer)
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(approve_share, ids[i::THREADS]) for i in range(THREADS)]
        for future in futures:
            future.result()  # re-raise any error of a thread

    call = Call.objects.get(pk=call.pk)
    ledger = BudgetEntry.objects.filter(call=call).aggregate(total=Sum("amount_eur"))["total"]
    assert call.committed_eur == ledger == Decimal("1000.00")
    statuses = list(Application.objects.filter(call=call).values_list("status", flat=True))
    assert statuses.count(ApplicationStatus.APPROVED) == 10
    assert statuses.count(ApplicationStatus.WAITLISTED) == 30
