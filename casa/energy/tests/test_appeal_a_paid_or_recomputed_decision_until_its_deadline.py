"""A decision letter promises an appeal "online from your CASA page" for the whole appeal
period, whatever happened since: a paid application is appealed from the tenant's page on the
last day, and not the day after; a recomputation's letter runs from its own date, after the
first decision's deadline has passed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.appeals import appeal_deadline
from casa.energy.models import Appeal, ApplicationStatus, DecisionKind

from .backoffice import ON, login
from .fixtures import approve_final, at_noon, clock, demo_call, household, pay, recompute, submit
from .fixtures import user as new_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
FORM = "Ask for a review</button>"


def last_minute_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def first_minute_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 1)))


@pytest.fixture
def approved():
    """A 100 € application of the tenant's household, approved on ON at noon."""
    with clock(at_noon(day=ON)):
        call = demo_call()
        home = household(charge="200.00")
        tenant = new_user("tenant", fiscal_code=home.members.get().fiscal_code)
        app = approve_final(submit(call, home, by=tenant), officer=new_user("benefit_officer"))
    return app, app.decisions.get(), tenant


@pytest.fixture
def paid(approved):
    """The approved application paid by a confirmed run two days later."""
    app, decision, tenant = approved
    with clock(at_noon(day=ON + dt.timedelta(days=2))):
        pay(app.call, officer=new_user("benefit_officer"))
    app.refresh_from_db()
    assert app.status == ApplicationStatus.PAID
    return app, decision, tenant


def status_page(client, app):
    return client.get(reverse("energy:my_application", args=[app.call.code])).content.decode()


def appeal_from_the_page(client, app, reason):
    return client.post(reverse("energy:appeal_new", args=[app.call.code]), {"reason": reason},
                       follow=True).content.decode()


def test_a_paid_application_is_appealed_from_the_tenants_page_on_the_last_day(client, paid):
    app, decision, tenant = paid
    last_day = appeal_deadline(decision)
    assert last_day == ON + dt.timedelta(days=app.call.appeal_days)

    with clock(last_minute_of(last_day)):
        login(client, tenant)
        page = status_page(client, app)
        assert FORM in page and last_day.strftime("%d/%m/%Y") in page
        page = appeal_from_the_page(client, app, "The bill was higher than that.")

    assert "We received your request for a review" in page
    appeal = Appeal.objects.get()
    assert (appeal.decision, appeal.filed_by) == (decision, tenant)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.PAID


def test_a_paid_application_cannot_be_appealed_the_day_after(client, paid):
    app, decision, tenant = paid
    last_day = appeal_deadline(decision)

    with clock(first_minute_of(last_day + dt.timedelta(days=1))):
        login(client, tenant)
        assert FORM not in status_page(client, app)
        page = appeal_from_the_page(client, app, "Too late?")

    assert (f"You could appeal this decision until {last_day:%d/%m/%Y}. That time has passed"
            in page)
    assert not Appeal.objects.exists()


@pytest.fixture
def recomputed(approved):
    """Actual costs arrive ten days after the approval: the recomputation raises the amount
    to 120 € (under the threshold) and its letter has a deadline of its own."""
    app, first, tenant = approved
    with clock(at_noon(day=ON + dt.timedelta(days=10))):
        recomputation = recompute(app, amount="120.00", officer=new_user("benefit_officer"))
    assert recomputation.kind == DecisionKind.RECOMPUTATION
    assert appeal_deadline(recomputation) == appeal_deadline(first) + dt.timedelta(days=10)
    return app, first, recomputation, tenant


def test_a_recomputations_letter_is_appealed_after_the_first_decisions_deadline(client,
                                                                                 recomputed):
    app, first, recomputation, tenant = recomputed
    day = appeal_deadline(first) + dt.timedelta(days=1)

    with clock(at_noon(day=day)):
        login(client, tenant)
        page = status_page(client, app)
        assert FORM in page and f"{appeal_deadline(recomputation):%d/%m/%Y}" in page
        page = appeal_from_the_page(client, app, "The actual costs are higher still.")

    assert "We received your request for a review" in page
    assert Appeal.objects.get().decision == recomputation


def test_a_recomputations_letter_is_appealed_on_its_last_day_and_not_after(client,
                                                                           recomputed):
    app, _first, recomputation, tenant = recomputed
    last_day = appeal_deadline(recomputation)

    with clock(first_minute_of(last_day + dt.timedelta(days=1))):
        login(client, tenant)
        assert FORM not in status_page(client, app)
        page = appeal_from_the_page(client, app, "Too late?")
    assert f"{last_day:%d/%m/%Y}. That time has passed" in page
    assert not Appeal.objects.exists()

    with clock(last_minute_of(last_day)):
        login(client, tenant)
        page = appeal_from_the_page(client, app, "Just in time.")
    assert "We received your request for a review" in page
    assert Appeal.objects.get().decision == recomputation
