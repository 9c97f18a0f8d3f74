"""Two submissions of the same household at the same moment (a double click reaching two
server processes): the database's constraint lets one in, and the other returns it.

Only PostgreSQL runs the two transactions truly at once; SQLite skips it.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import create_demo_call
from casa.energy.models import Application
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give

THREADS = 4


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_create_one_application(register, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    give(household, isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    start = threading.Barrier(THREADS)

    def submit(_n):
        try:
            start.wait()
            return application_submit(call=call, household=household, acting_user=tenant,
                                      channel="online", declarations=DECLARATION_CODES).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        ids = list(pool.map(submit, range(THREADS)))

    assert len(set(ids)) == 1
    assert Application.objects.count() == 1
    assert Message.objects.filter(kind="energy.receipt", channel="app").count() == 1
