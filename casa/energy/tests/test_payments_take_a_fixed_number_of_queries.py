"""The run, its page, the list of runs and the confirmation take the same number of queries for
2 lines as for 20 (bulk writes, no query per line)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.models import ApplicationStatus
from casa.energy.payments import payment_preview, payment_run, payment_run_confirm

from .backoffice import login
from .fixtures import demo_call, household
from .payments_fixtures import approve

pytestmark = pytest.mark.django_db
CODE = "energia-2025-26"
BOUNDS = {"preview": 6, "run": 22, "run page": 18, "run list": 16, "download": 14,
          "confirmation": 24}


@pytest.mark.parametrize("lines", [2, 20])
def test_each_step_takes_the_same_queries_whatever_the_number_of_lines(
        lines, client, make_user, django_assert_max_num_queries):
    officer = make_user("benefit_officer")
    call = demo_call()
    for number in range(lines):
        heating = "autonomous" if number % 2 else "central"
        approve(household(heating=heating), amount="100.00", officer=officer, call=call)
    login(client, officer)

    with django_assert_max_num_queries(BOUNDS["preview"]):
        assert payment_preview(call).count == lines
    with django_assert_max_num_queries(BOUNDS["run"]):
        run = payment_run(call=call, acting_user=officer)
    assert run.lines_count == lines
    url = {"code": CODE, "number": run.number}
    with django_assert_max_num_queries(BOUNDS["run page"]):
        assert client.get(reverse("energy:payment_run", kwargs=url)).status_code == 200
    with django_assert_max_num_queries(BOUNDS["run list"]):
        assert client.get(reverse("energy:payment_runs", kwargs={"code": CODE})
                          ).status_code == 200
    with django_assert_max_num_queries(BOUNDS["download"]):
        assert client.get(reverse("energy:payment_run_csv", kwargs=url)).status_code == 200
    run.refresh_from_db()
    with django_assert_max_num_queries(BOUNDS["confirmation"]):
        payment_run_confirm(run=run, executed_on=timezone.localdate(), acting_user=officer)
    assert call.applications.filter(status=ApplicationStatus.PAID).count() == lines
