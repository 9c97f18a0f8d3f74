"""Issue 11: tenants to call back. A tenant asks a Community Manager of their hub to call them
back (topic, phone, when); one open request per household and topic; the Community Managers of
the hub see the hub's open requests oldest first, record calls with no answer (the request
stays open) and the call done with what was agreed, which the tenant reads in the app. Tenants
read only their own household's requests, staff only their hubs'."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils import translation

from casa.appointments import rules, selectors, services
from casa.appointments.models import CallbackRequest, CallbackStatus
from casa.appointments.services import BookingError
from casa.core.models import AuditAction, AuditEvent
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .helpers import MONDAY, at, rome


def ask(household, user, topic="bills", phone="02 1234 5678", **extra):
    return services.callback_ask(household=household, topic=topic, phone=phone,
                                 acting_user=user, **extra)


@pytest.fixture
def other_manager(register, make_user):
    """A Community Manager of Lorenteggio, another hub."""
    return make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])


@pytest.fixture
def other_tenant(register, make_user):
    """A tenant of household H002, at Lorenteggio."""
    return make_user("tenant", fiscal_code=FISCAL_CODES[1])


# --- The phone number --------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "kept"), [
    ("02 1234 5678", "0212345678"),
    ("02/1234.5678", "0212345678"),
    ("333 123 4567", "3331234567"),
    ("+39 333 1234567", "+393331234567"),
    ("0039 02 12345678", "+390212345678"),
    ("+44 20 7946 0958", "+442079460958"),
    ("+212 6 12 34 56 78", "+212612345678"),
])
def test_an_italian_or_international_number_is_kept_plainly(typed, kept):
    assert rules.phone_number(typed) == kept


@pytest.mark.parametrize("typed", ["", "123", "abc", "1234567890", "+39 12345", "+0 123456789",
                                   "333-12", "+44 1234567890123456", "02 1234 5678 ext 3"])
def test_what_is_not_a_phone_number_is_refused(typed):
    assert rules.phone_number(typed) is None


def test_a_request_with_a_wrong_phone_is_refused_with_the_reason(register, tenant, household,
                                                                hub):
    with pytest.raises(BookingError) as refused:
        ask(household, tenant, phone="not a number")
    assert refused.value.code == "phone"
    assert "numero di telefono" in refused.value.message
    with translation.override("en"), pytest.raises(BookingError) as refused:
        ask(household, tenant, phone="not a number")
    assert "Write a phone number. An Italian number is fine" in refused.value.message
    assert not CallbackRequest.objects.exists()


# --- The tenant asks ---------------------------------------------------------------------------

def test_a_tenant_asks_for_their_household_at_their_hub(register, frozen, tenant, household,
                                                        hub):
    callback = ask(household, tenant, best_time="morning", note="Bolletta di ottobre")
    assert (callback.hub, callback.phone, callback.source, callback.status) == (
        hub, "0212345678", "app", "open")
    assert callback.member.fiscal_code == FISCAL_CODES[0]
    assert callback.asked_by == tenant
    assert AuditEvent.objects.filter(action=AuditAction.CREATE,
                                     target_type="appointments.callbackrequest",
                                     subject="household:H001").exists()


def test_a_second_open_request_on_the_same_topic_is_refused(register, tenant, household, hub):
    first = ask(household, tenant)
    with pytest.raises(BookingError) as refused:
        ask(household, tenant, phone="3331234567")
    assert refused.value.code == "callback_open"
    assert "già" in refused.value.message
    assert CallbackRequest.objects.count() == 1
    ask(household, tenant, topic="isee")  # another topic: fine
    services.callback_cancel(callback=first, acting_user=tenant)
    ask(household, tenant)  # once cancelled, asked again
    assert CallbackRequest.objects.filter(status="open").count() == 2


def test_the_database_refuses_a_second_open_request_on_the_same_topic(register, household,
                                                                      hub):
    fields = {"household": household, "hub": hub, "topic": "bills", "phone": "0212345678",
              "source": "phone"}
    CallbackRequest.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CallbackRequest.objects.create(**fields)


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_make_one_row(register, tenant, hub):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    household = register["households"]["H001"]
    start = threading.Barrier(6)

    def run():
        try:
            start.wait()
            try:
                return ask(household, tenant)
            except BookingError as error:
                return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = [future.result() for future in [pool.submit(run) for _ in range(6)]]
    refused = [result for result in results if isinstance(result, BookingError)]
    assert CallbackRequest.objects.filter(household=household).count() == 1
    assert len(refused) == 5 and {error.code for error in refused} == {"callback_open"}


def test_a_tenant_cannot_ask_for_another_household(register, tenant, hub):
    with pytest.raises(BookingError) as refused:
        ask(register["households"]["H002"], tenant)
    assert refused.value.code == "household"


def test_a_tenant_reads_and_cancels_only_their_own_households_requests(
        register, tenant, other_tenant, household, hub, client):
    theirs = ask(register["households"]["H002"], other_tenant)
    assert selectors.tenant_callback(tenant, theirs.pk) is None
    assert selectors.tenant_callbacks(tenant) == ([], [])
    client.force_login(tenant)
    response = client.post(reverse("appointments:my_callback_cancel", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"
    with pytest.raises(BookingError):
        services.callback_cancel(callback=theirs, acting_user=tenant)


# --- The Community Manager ---------------------------------------------------------------------

def test_the_hubs_open_requests_come_oldest_first_in_a_bounded_number_of_queries(
        register, tenant, household, hub, manager, other_manager, other_tenant,
        django_assert_num_queries):
    with at(rome(MONDAY, 9)):
        older = ask(household, tenant, topic="isee")
    with at(rome(MONDAY, 10)):
        newer = ask(household, tenant)
        services.callback_no_answer(callback=newer, acting_user=manager)
    ask(register["households"]["H002"], other_tenant)  # Lorenteggio's
    closed = ask(household, tenant, topic="energy")
    services.callback_cancel(callback=closed, acting_user=tenant)
    with django_assert_num_queries(2):
        rows = list(selectors.callbacks_waiting(manager, MONDAY))
        for row in rows:
            (row.household.unit.building.address, row.hub.name, row.asked_by,
             list(row.attempts.all()))
    assert rows == [older, newer]
    assert list(selectors.callbacks_waiting(other_manager, MONDAY)) != rows
    assert list(selectors.callbacks_waiting(tenant, MONDAY)) == []
    # Asked after the day the list is for: not in it.
    assert list(selectors.callbacks_waiting(manager, MONDAY - dt.timedelta(days=1))) == []


def test_no_answer_keeps_it_open_and_records_the_try(register, frozen, tenant, household, hub,
                                                     manager):
    callback = ask(household, tenant)
    services.callback_no_answer(callback=callback, acting_user=manager)
    callback.refresh_from_db()
    assert callback.status == "open"
    assert [(attempt.at, attempt.by) for attempt in callback.attempts.all()] == [
        (rome(MONDAY, 8), manager)]


def test_done_keeps_what_was_agreed_and_tells_the_tenant_in_the_app(
        register, frozen, tenant, household, hub, manager):
    callback = ask(household, tenant)
    services.callback_done(callback=callback, outcome="Rateizzazione in 6 mesi",
                           acting_user=manager)
    callback.refresh_from_db()
    assert (callback.status, callback.done_by, callback.done_at, callback.outcome) == (
        "done", manager, rome(MONDAY, 8), "Rateizzazione in 6 mesi")
    message = Message.objects.get(kind="appointments.called_back")
    assert message.channel == "app" and "Rateizzazione in 6 mesi" in message.body


def test_a_done_request_cannot_be_done_again_nor_tried(register, tenant, household, hub,
                                                       manager):
    callback = ask(household, tenant)
    services.callback_done(callback=callback, outcome="Fatto", acting_user=manager)
    with pytest.raises(BookingError) as refused:
        services.callback_done(callback=callback, outcome="Di nuovo", acting_user=manager)
    assert refused.value.code == "callback_closed"
    with pytest.raises(BookingError):
        services.callback_no_answer(callback=callback, acting_user=manager)
    callback.refresh_from_db()
    assert callback.outcome == "Fatto" and not callback.attempts.exists()


def test_done_needs_what_was_agreed(register, tenant, household, hub, manager):
    callback = ask(household, tenant)
    with pytest.raises(BookingError) as refused:
        services.callback_done(callback=callback, outcome="  ", acting_user=manager)
    assert refused.value.code == "outcome"


def test_another_hubs_community_manager_is_refused(register, tenant, household, hub,
                                                   other_manager, client):
    callback = ask(household, tenant)
    for action in (lambda: services.callback_no_answer(callback=callback,
                                                       acting_user=other_manager),
                   lambda: services.callback_done(callback=callback, outcome="x",
                                                  acting_user=other_manager)):
        with pytest.raises(BookingError) as refused:
            action()
        assert refused.value.code == "hub"
    client.force_login(other_manager)
    assert client.get(reverse("appointments:staff_callback", args=[callback.pk])
                      ).status_code == 404
    assert client.post(reverse("appointments:staff_callback_no_answer", args=[callback.pk])
                       ).status_code == 404
    callback.refresh_from_db()
    assert callback.status == "open" and not callback.attempts.exists()


def test_a_community_manager_records_a_request_taken_by_phone(register, household, hub,
                                                             manager, client):
    client.force_login(manager)
    url = reverse("appointments:callback_record")
    page = client.get(url, {"household": "H001"})
    assert page.status_code == 200
    response = client.post(url + "?household=H001", {
        "source": "phone", "topic": "neighbours", "phone": "+39 333 1234567",
        "best_time": "afternoon", "note": ""})
    assert response.status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.source, callback.asked_by, callback.hub, callback.member) == (
        "phone", manager, hub, None)
    # The same household and topic again: refused next to the topic, not a duplicate.
    again = client.post(url + "?household=H001", {
        "source": "phone", "topic": "neighbours", "phone": "+39 333 1234567",
        "best_time": "any"})
    assert again.status_code == 200
    assert "già" in str(again.context["form"].errors["topic"])
    assert CallbackRequest.objects.count() == 1


def test_the_staff_pages_are_audited(register, tenant, household, hub, manager, client):
    callback = ask(household, tenant)
    client.force_login(manager)
    page = client.get(reverse("appointments:callbacks"))
    assert page.status_code == 200 and "0212345678" in page.content.decode()
    client.get(reverse("appointments:staff_callback", args=[callback.pk]))
    views = AuditEvent.objects.filter(action=AuditAction.VIEW,
                                      target_type="appointments.callbackrequest",
                                      target_id=str(callback.pk), subject="household:H001")
    assert views.count() == 2


# --- The tenant's pages ------------------------------------------------------------------------

def test_the_tenant_asks_sees_the_refusal_and_cancels_on_the_pages(register, tenant, household,
                                                                  hub, client):
    household.phone = "02 9876 5432"
    household.save()
    client.force_login(tenant)
    url = reverse("appointments:callback_new")
    page = client.get(url)
    assert page.context["form"]["phone"].value() == "02 9876 5432"  # from the register
    wrong = client.post(url, {"topic": "bills", "phone": "12", "best_time": "morning"})
    assert wrong.status_code == 200 and "phone" in wrong.context["form"].errors
    done = client.post(url, {"topic": "bills", "phone": "02 9876 5432",
                             "best_time": "morning"}, follow=True)
    assert "0298765432" in done.content.decode()
    callback = CallbackRequest.objects.get()
    again = client.post(url, {"topic": "bills", "phone": "02 9876 5432", "best_time": "any"})
    assert "già" in str(again.context["form"].errors["topic"])
    client.post(reverse("appointments:my_callback_cancel", args=[callback.pk]))
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.CANCELLED
