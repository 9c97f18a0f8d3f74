"""A tenant's appointments in the JSON API, for a native app: the same free times, the same
bookings, moves and cancellations, messages and audit trail as the pages (both go through the
booking contract), and the same refusals, answered 422 with the refusal's code and the reason
in the tenant's language; another household's appointment is not found, staff are refused."""

import datetime as dt

import pytest

from casa.appointments import services
from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment, CancelledBecause, Status
from casa.core.models import AuditEvent
from casa.hubs.tests.helpers import at_desk, open_hub
from casa.notifications.models import Channel, Message
from conftest import FISCAL_CODES

from .helpers import MONDAY, at, rome

pytestmark = pytest.mark.usefixtures("frozen", "manager")

API = "/api/v1/appointments"
WEDNESDAY = MONDAY + dt.timedelta(days=2)
THURSDAY = MONDAY + dt.timedelta(days=3)
DAYS = f"{API}/hubs/san-siro/topics/bills/days"


@pytest.fixture
def app(client, tenant):
    """The tenant's phone, logged in (Italian, the default language)."""
    client.force_login(tenant)
    return client


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def book(client, starts_at="2026-12-02T09:30:00+01:00", **body):
    return post(client, API, {"hub": "san-siro", "topic": "bills", "starts_at": starts_at,
                              **body})


def refusal(response):
    """(status, [(type, loc, msg)]) of a refused request."""
    return response.status_code, [(problem["type"], problem["loc"], problem["msg"])
                                  for problem in response.json()["detail"]]


# --- Reading --------------------------------------------------------------------------------------

def test_the_hubs_topics_days_and_times_are_the_pages_ones(app, hub, tenant):
    hubs = app.get(f"{API}/hubs").json()
    topics = app.get(f"{API}/hubs/san-siro/topics").json()
    days = app.get(DAYS).json()
    times = app.get(f"{DAYS}/2026-11-30").json()

    assert hubs == [{"code": "san-siro", "name": "San Siro", "address": "Piazza Selinunte 1",
                     "municipality": "Milano", "phone": "+39 02 5550 1005"}]
    assert {"value": "neighbours", "label": "Problemi con i vicini", "minutes": 45} in topics
    assert days == [day.isoformat() for day in get_agenda().days(hub, "bills",
                                                                 acting_user=tenant)]
    assert "2026-12-08" not in days  # a public holiday
    # From the 2-hour lead time, in the hub's time.
    assert [time["starts_at"] for time in times] == [
        "2026-11-30T10:00:00+01:00", "2026-11-30T10:30:00+01:00", "2026-11-30T11:00:00+01:00",
        "2026-11-30T11:30:00+01:00", "2026-11-30T12:00:00+01:00", "2026-11-30T12:30:00+01:00"]
    assert times[0]["ends_at"] == "2026-11-30T10:30:00+01:00"
    assert app.get(f"{DAYS}/2026-12-08").json() == []


def test_my_appointments_are_listed_upcoming_then_past(app, tenant, household, hub):
    later = book(app, "2026-12-03T11:00:00+01:00").json()
    sooner = book(app).json()
    cancelled = book(app, "2026-12-04T09:00:00+01:00").json()
    post(app, f"{API}/{cancelled['id']}/cancel")

    mine = app.get(API).json()
    one = app.get(f"{API}/{sooner['id']}").json()

    assert [a["id"] for a in mine["upcoming"]] == [sooner["id"], later["id"]]
    assert [(a["id"], a["status"], a["cancelled_because"]) for a in mine["past"]] == [
        (cancelled["id"], "cancelled", "tenant")]
    assert one == mine["upcoming"][0]
    assert one["topic"] == {"value": "bills", "label": "Bollette e morosità"}
    assert (one["starts_at"], one["ends_at"]) == ("2026-12-02T09:30:00+01:00",
                                                  "2026-12-02T10:00:00+01:00")
    assert one["manager"] == "Chiara Colombo" and one["hub"]["code"] == "san-siro"
    assert one["can_change"] is True and one["change_until"] == "2026-12-01T09:30:00+01:00"
    calendar = app.get(one["calendar_url"])
    assert calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"DTSTART:20261202T083000Z" in calendar.content


def test_a_tenant_without_a_household_sees_nothing_to_book(client, make_user, hub):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[3]))

    assert client.get(API).json() == {"upcoming": [], "past": []}
    assert client.get(f"{API}/hubs").json() == []
    assert client.get(f"{API}/hubs/san-siro/topics").status_code == 404
    assert refusal(book(client)) == (422, [
        ("no_hub", ["body", "hub"], "Non troviamo il tuo Spazio CASA. Chiama il servizio "
                                    "inquilini di Aler Milano.")])


# --- Booking --------------------------------------------------------------------------------------

def test_booking_tells_the_household_and_is_audited_as_on_the_pages(app, household, manager):
    response = book(app, note="Porto le bollette")

    appointment = Appointment.objects.get()
    assert response.status_code == 200 and response.json()["id"] == appointment.pk
    assert (appointment.starts_at, appointment.manager, appointment.note,
            appointment.booked_via) == (rome(WEDNESDAY, 9, 30), manager, "Porto le bollette",
                                        "app")
    assert sorted(Message.objects.filter(kind="appointments.booked")
                  .values_list("channel", flat=True)) == sorted([Channel.APP, Channel.EMAIL])
    assert AuditEvent.objects.filter(target_type="appointments.appointment",
                                     subject="household:H001", action="create").exists()
    assert "2026-12-02T09:30:00+01:00" not in [
        time["starts_at"] for time in app.get(f"{DAYS}/2026-12-02").json()]


def test_a_start_without_an_offset_is_the_hubs_time_and_any_offset_is_understood(app):
    assert book(app, "2026-12-02T09:30:00").status_code == 200
    assert book(app, "2026-12-02T09:00:00Z").status_code == 200  # 10:00 in Rome
    assert sorted(Appointment.objects.values_list("starts_at", flat=True)) == [
        rome(WEDNESDAY, 9, 30), rome(WEDNESDAY, 10)]


def test_a_taken_time_is_refused_with_its_code_and_nothing_is_booked_twice(app):
    assert book(app).status_code == 200  # the hub's only Community Manager, at 9:30

    response = book(app, note="Ancora")

    assert refusal(response) == (422, [
        ("taken", ["body", "starts_at"], "Questo orario non è più libero: scegline un altro.")])
    assert Appointment.objects.count() == 1
    assert Message.objects.filter(kind="appointments.booked", channel=Channel.APP).count() == 1


@pytest.mark.parametrize(("body", "code", "field"), [
    ({"hub": "lorenteggio"}, "hub", "hub"),
    ({"hub": "nowhere"}, "hub", "hub"),
    ({"topic": "astrology"}, "topic", "topic"),
    ({"note": "x" * 501}, "note", "note"),
    ({"starts_at": "2026-12-02T09:10:00+01:00"}, "taken", "starts_at"),  # not a start
    ({"starts_at": "2026-11-30T09:00:00+01:00"}, "taken", "starts_at"),  # within the lead time
    ({"starts_at": "2027-02-01T09:00:00+01:00"}, "taken", "starts_at"),  # past the horizon
])
def test_a_booking_refused_by_the_contract_says_why(app, register, make_user, body, code,
                                                     field):
    other = open_hub(register["hubs"]["lorenteggio"])
    at_desk(make_user("community_manager", hubs=[other]), other)

    response = book(app, **body)

    # The contract's own message, in the tenant's language (Italian, the default).
    message = services.refusal(code, **({"count": 500} if code == "note" else {})).message
    assert refusal(response) == (422, [(code, ["body", field], message)])
    assert not Appointment.objects.exists()


def test_a_fourth_appointment_is_refused(app):
    for hour in ("09:00", "10:00", "11:00"):
        assert book(app, f"2026-12-02T{hour}:00+01:00").status_code == 200

    assert refusal(book(app, "2026-12-03T09:00:00+01:00")) == (422, [
        ("too_many", ["body"], "Hai già 3 appuntamenti. Per prenderne un altro, prima "
                               "annullane uno.")])


@pytest.mark.parametrize("body", [
    {"hub": "san-siro", "topic": "bills", "starts_at": "mercoledì alle 9"},
    {"hub": "san-siro", "topic": "bills"},
    {"hub": "san-siro", "topic": "bills", "starts_at": "2026-12-02T09:30:00+01:00",
     "note": "Porto\x00 le bollette"},
    {"hub": "san-siro", "topic": "bills\x1b", "starts_at": "2026-12-02T09:30:00+01:00"},
])
def test_a_body_that_cannot_be_read_or_a_control_character_is_refused(app, body):
    response = post(app, API, body)

    assert response.status_code == 422 and response.json()["detail"][0]["msg"]
    assert not Appointment.objects.exists()


def test_a_body_that_is_not_json_is_refused_not_a_500(app):
    for response in (app.post(API, {"hub": "san-siro", "topic": "bills"}),  # multipart
                     app.post(API, "hub=san-siro",
                              content_type="application/x-www-form-urlencoded"),
                     app.post(API, "{", content_type="application/json")):
        assert (response.status_code, response.json()) == (
            400, {"detail": "Cannot parse request body"})
    assert not Appointment.objects.exists()


def test_a_control_character_in_a_query_or_a_path_is_refused(app):
    assert app.get(API, {"x": "\x00"}).status_code == 422
    assert app.get(f"{API}/hubs/san-siro/topics/bi\x1bs/days").status_code == 422


# --- Moving and cancelling ------------------------------------------------------------------------

def test_moving_offers_its_own_time_and_keeps_the_manager(app, manager):
    booked = book(app).json()
    days = app.get(f"{API}/{booked['id']}/move/days").json()
    times = app.get(f"{API}/{booked['id']}/move/days/2026-12-02").json()

    moved = post(app, f"{API}/{booked['id']}/move",
                 {"starts_at": "2026-12-03T11:00:00+01:00"}).json()

    assert "2026-12-02" in days
    assert "2026-12-02T09:30:00+01:00" in [time["starts_at"] for time in times]
    assert moved["starts_at"] == "2026-12-03T11:00:00+01:00" and moved["manager"] == (
        "Chiara Colombo")
    appointment = Appointment.objects.get()
    assert (appointment.starts_at, appointment.sequence) == (rome(THURSDAY, 11), 1)
    assert Message.objects.filter(kind="appointments.moved", channel=Channel.EMAIL).exists()
    assert AuditEvent.objects.filter(target_type="appointments.appointment",
                                     action="update").exists()


def test_moving_to_a_time_that_is_not_free_is_refused(app):
    booked = book(app).json()
    response = post(app, f"{API}/{booked['id']}/move",
                    {"starts_at": "2026-12-08T10:00:00+01:00"})

    assert refusal(response)[1][0][:2] == ("taken", ["body", "starts_at"])
    assert Appointment.objects.get().starts_at == rome(WEDNESDAY, 9, 30)


def test_cancelling_frees_the_time_and_tells_the_household(app):
    booked = book(app).json()

    cancelled = post(app, f"{API}/{booked['id']}/cancel").json()

    assert (cancelled["status"], cancelled["cancelled_because"], cancelled["can_change"]) == (
        "cancelled", CancelledBecause.TENANT, False)
    assert Appointment.objects.get().status == Status.CANCELLED
    assert Message.objects.filter(kind="appointments.cancelled").exists()
    assert "2026-12-02T09:30:00+01:00" in [
        time["starts_at"] for time in app.get(f"{DAYS}/2026-12-02").json()]


def test_after_the_cut_off_nothing_can_be_changed_online(app, household, hub, tenant):
    tuesday = get_agenda().book(household=household, hub=hub, topic="bills",
                                starts_at=rome(MONDAY + dt.timedelta(days=1), 10), note="",
                                acting_user=tenant)
    cutoff = (422, [("cutoff", ["path", "appointment_id"],
                     "È troppo tardi per cambiare questo appuntamento online. Chiama il tuo "
                     "Spazio CASA.")])
    with at(rome(MONDAY, 10, 1)):  # less than 24 hours before
        assert refusal(app.get(f"{API}/{tuesday.pk}/move/days")) == cutoff
        assert refusal(app.get(f"{API}/{tuesday.pk}/move/days/2026-12-02")) == cutoff
        assert refusal(post(app, f"{API}/{tuesday.pk}/move",
                            {"starts_at": "2026-12-02T09:30:00+01:00"})) == cutoff
        assert refusal(post(app, f"{API}/{tuesday.pk}/cancel")) == cutoff
        assert app.get(f"{API}/{tuesday.pk}").json()["can_change"] is False
    tuesday.refresh_from_db()
    assert (tuesday.status, tuesday.starts_at) == (Status.BOOKED,
                                                   rome(MONDAY + dt.timedelta(days=1), 10))


def test_a_cancelled_appointment_cannot_be_cancelled_or_moved_again(app):
    booked = book(app).json()
    post(app, f"{API}/{booked['id']}/cancel")

    for response in (post(app, f"{API}/{booked['id']}/cancel"),
                     post(app, f"{API}/{booked['id']}/move",
                          {"starts_at": "2026-12-03T11:00:00+01:00"}),
                     app.get(f"{API}/{booked['id']}/move/days")):
        assert refusal(response) == (422, [("not_booked", ["path", "appointment_id"],
                                            "Questo appuntamento non è più prenotato.")])
    assert Message.objects.filter(kind="appointments.cancelled",
                                  channel=Channel.APP).count() == 1


# --- Not mine, not a tenant -----------------------------------------------------------------------

@pytest.fixture
def elsewhere(register, make_user):
    """Household H002's appointment at Lorenteggio, booked by its tenant."""
    hub = open_hub(register["hubs"]["lorenteggio"])
    at_desk(make_user("community_manager", hubs=[hub]), hub)
    return get_agenda().book(household=register["households"]["H002"], hub=hub, topic="isee",
                             starts_at=rome(WEDNESDAY, 10), note="",
                             acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[1]))


def test_another_households_appointment_is_not_found(app, elsewhere):
    other = f"{API}/{elsewhere.pk}"
    for response in (app.get(other), app.get(f"{other}/move/days"),
                     app.get(f"{other}/move/days/2026-12-03"),
                     post(app, f"{other}/move", {"starts_at": "2026-12-03T10:00:00+01:00"}),
                     post(app, f"{other}/cancel"), app.get(f"{API}/999999")):
        assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
    elsewhere.refresh_from_db()
    assert (elsewhere.status, elsewhere.starts_at) == (Status.BOOKED, rome(WEDNESDAY, 10))


def test_a_hub_where_the_household_cannot_book_and_an_unknown_topic_are_not_found(
        app, elsewhere):
    for url in (f"{API}/hubs/lorenteggio/topics", f"{API}/hubs/lorenteggio/topics/isee/days",
                f"{API}/hubs/lorenteggio/topics/isee/days/2026-12-03",
                f"{API}/hubs/san-siro/topics/astrology/days",
                f"{API}/hubs/san-siro/topics/astrology/days/2026-12-03"):
        assert app.get(url).status_code == 404, url


def test_a_day_that_is_not_a_date_is_refused(app):
    assert app.get(f"{DAYS}/2026-02-30").status_code == 422
    booked = book(app).json()
    assert app.get(f"{API}/{booked['id']}/move/days/soon").status_code == 422


def test_staff_are_refused_and_visitors_must_log_in(client, manager, elsewhere):
    urls = [("get", API), ("get", f"{API}/hubs"), ("get", f"{API}/hubs/san-siro/topics"),
            ("get", f"{DAYS}"), ("get", f"{DAYS}/2026-12-02"),
            ("get", f"{API}/{elsewhere.pk}"), ("get", f"{API}/{elsewhere.pk}/move/days"),
            ("get", f"{API}/{elsewhere.pk}/move/days/2026-12-02"), ("post", API),
            ("post", f"{API}/{elsewhere.pk}/move"), ("post", f"{API}/{elsewhere.pk}/cancel")]

    def ask(method, url):
        if method == "get":
            return client.get(url).status_code
        return post(client, url, {"hub": "lorenteggio", "topic": "isee",
                                  "starts_at": "2026-12-03T10:00:00+01:00"}).status_code

    assert {url: ask(method, url) for method, url in urls} == dict.fromkeys(
        (url for _method, url in urls), 401)
    client.force_login(manager)  # a Community Manager of the hub: not a tenant
    assert {url: ask(method, url) for method, url in urls} == dict.fromkeys(
        (url for _method, url in urls), 403)
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.BOOKED and Appointment.objects.count() == 1


def test_staff_are_refused_before_their_body_is_read(client, manager):
    client.force_login(manager)
    for body in ({}, {"hub": "san-siro", "topic": "bills", "starts_at": "soon"}):
        assert post(client, API, body).status_code == 403
    assert post(client, f"{API}/1/move", {"starts_at": 5}).status_code == 403
    assert client.get(f"{DAYS}/soon").status_code == 403
