"""The queue and the application page take the same number of queries whatever the number of
applications on the page, of decisions, answers and history rows, of households sharing an
IBAN, or of applications on the waiting list: what a row or the page shows is annotated,
prefetched or stored (the waiting-list position), never read or worked out row by row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casa.energy import decisions
from casa.energy.applying import application_provide_information
from casa.energy.models import Application, ApplicationStatus, Channel

from .backoffice import login
from .fixtures import at_noon, household, recompute, submit, user
from .queue_fixtures import in_state, queue_call

pytestmark = pytest.mark.django_db
# The bounds: the session and the user, then for the queue the count, the page's ids, their
# rows, the audit event and the call and hub choices, plus one to check a call filter; for the
# page 14 (one more with a decision to confirm, two more with an open appeal).
QUEUE_QUERIES = 9
APPLICATION_QUERIES = 15
STATES = ["submitted", "under_review", "answered", "awaiting_confirmation", "approved",
          "rejected", "needs_information"]


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), [query["sql"][:160] for query in captured.captured_queries]


def queue_of(size, officer, call):
    """`size` applications in every state, from households of their own or sharing an IBAN."""
    desk = user("community_manager")
    for number in range(size):
        in_state(call, STATES[number % len(STATES)], officer=officer, minutes=number,
                 channel=Channel.ASSISTED if number % 3 else Channel.ONLINE,
                 by=desk if number % 3 else None, heating="autonomous" if number % 2
                 else "central")


@pytest.mark.parametrize("params", [{}, {"show": "all", "sort": "-isee"},
                                    {"show": "all", "q": "test", "sort": "amount"},
                                    {"show": "open", "call": "energia-2025-26"},
                                    {"show": "all", "to_confirm": "on", "appeal": "on"}])
def test_the_queue_takes_the_same_queries_for_3_and_for_14_applications(
        client, make_user, params, django_assert_max_num_queries):
    officer = make_user("benefit_officer")
    call = queue_call()
    login(client, officer)
    url = reverse("energy:review_queue")
    queue_of(3, officer, call)
    small, small_sql = count_queries(client, url, params)
    queue_of(11, officer, call)
    large, large_sql = count_queries(client, url, params)
    assert small == large, "\n".join(large_sql)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        client.get(url, params)


def enrich(application, *, officer, times):
    """`times` requests for information answered, an approval, `times` recomputations, and
    `times` other households giving the same IBAN."""
    for number in range(times):
        decisions.application_request_information(application=application,
                                                  message="Inviate l'ISEE.",
                                                  acting_user=officer)
        application.refresh_from_db()
        application_provide_information(application=application, text="Ecco.",
                                        acting_user=officer, now=at_noon(number + 1))
        application.refresh_from_db()
    decisions.application_decide(application=application, approve=True, acting_user=officer)
    application.refresh_from_db()
    for step in range(times):
        recompute(application, amount=f"{110 + 10 * step}.00", officer=officer)
    for number in range(times):
        submit(application.call, household(heating="autonomous"), by=officer, minutes=number + 1)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize("role", ["benefit_officer", "approver", "community_manager"])
def test_the_application_page_takes_the_same_queries_with_1_or_5_of_everything(
        client, make_user, role, register, django_assert_max_num_queries):
    officer = make_user("benefit_officer")
    hub = register["hubs"]["lorenteggio"]
    viewer = make_user(role, hubs=[hub] if role == "community_manager" else [])
    call = queue_call()
    building = register["households"]["H002"].unit.building  # Lorenteggio, autonomous heating
    small = enrich(submit(call, household(building=building), by=officer), officer=officer,
                   times=1)
    large = enrich(submit(call, household(building=building), by=officer, minutes=30),
                   officer=officer, times=5)
    assert large.decisions.count() == 6
    login(client, viewer)
    counts = {}
    for app in (small, large):
        url = reverse("energy:review_application", args=[app.protocol])
        counts[app.pk] = count_queries(client, url, {"sort": "isee", "show": "all"})
    assert counts[small.pk][0] == counts[large.pk][0], "\n".join(counts[large.pk][1])
    with django_assert_max_num_queries(APPLICATION_QUERIES):
        client.get(reverse("energy:review_application", args=[large.protocol]))


# --- The waiting list: positions are stored, never worked out again on each view -------------

def waiting_list_of(size, officer, call, *, start=0):
    """`size` more applications approved beyond the spent budget, so that they wait; their ISEE
    spread out, so that the ranking is not the submission order."""
    return [in_state(call, "waitlisted", officer=officer, minutes=number,
                     isee=f"{10000 + (number * 7) % 12 * 250}.00",
                     heating="autonomous" if number % 2 else "central")
            for number in range(start, start + size)]


@pytest.fixture
def spent(make_user):
    """A call whose budget one approval spends: every later approval waits on the list."""
    officer = make_user("benefit_officer")
    call = queue_call(budget="100.00")
    in_state(call, "approved", officer=officer)
    return officer, call


@pytest.mark.parametrize("params", [{"show": "waitlist"},
                                    {"show": "waitlist", "sort": "-position"},
                                    {"show": "waitlist", "sort": "isee", "q": "test"}])
def test_the_waiting_list_takes_the_same_queries_for_3_and_for_12_waiting(
        client, spent, params, django_assert_max_num_queries):
    officer, call = spent
    login(client, officer)
    url = reverse("energy:review_queue")
    waiting_list_of(3, officer, call)
    small, small_sql = count_queries(client, url, params)
    waiting_list_of(9, officer, call, start=3)
    assert Application.objects.filter(status=ApplicationStatus.WAITLISTED).count() == 12
    large, large_sql = count_queries(client, url, params)
    assert small == large, "\n".join(large_sql)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        client.get(url, params)


def test_a_waiting_applications_page_takes_the_same_queries_for_3_and_for_12_waiting(
        client, spent, django_assert_max_num_queries):
    officer, call = spent
    login(client, officer)
    app = waiting_list_of(3, officer, call)[1]  # ISEE 11,750: 3rd of 3, then 8th of 12
    url = reverse("energy:review_application", args=[app.protocol])
    small, small_sql = count_queries(client, url, {"show": "waitlist"})
    assert 'id="waiting-position">3<' in client.get(url).content.decode()
    waiting_list_of(9, officer, call, start=3)
    large, large_sql = count_queries(client, url, {"show": "waitlist"})
    assert small == large, "\n".join(large_sql)
    assert 'id="waiting-position">8<' in client.get(url).content.decode()
    with django_assert_max_num_queries(APPLICATION_QUERIES):
        client.get(url, {"show": "waitlist"})
