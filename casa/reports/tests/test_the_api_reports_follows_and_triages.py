"""The JSON API gives problem reports the pages' scope, services and permissions: a tenant
reports as a form and reads it in full, a neighbour reads it in public form and follows it,
another building's tenant does not find it; staff read their queue without descriptions and
move a report along the workflow, and every refusal is a 422 in the caller's language."""

import pytest

from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db
API = "/api/v1/"


def logged_in(client, user):
    client.force_login(user)
    return client


def test_a_tenant_reports_and_a_neighbour_follows_the_public_form(client, tenant, neighbour,
                                                                  make_user):
    created = logged_in(client, tenant).post(API + "reports", {
        "category": "lift", "place": "entrance", "description": "Fermo al piano terra."})
    assert created.status_code == 200, created.content
    report = created.json()
    assert report["description"] == "Fermo al piano terra." and report["mine"]
    assert report["status"] == "new" and report["urgent"]

    seen = logged_in(client, neighbour).get(API + f"reports/{report['id']}").json()
    assert seen["description"] is None and not seen["mine"] and not seen["followed"]
    assert [item["id"] for item in client.get(API + "reports").json()] == [report["id"]]
    followed = client.post(API + f"reports/{report['id']}/follow").json()
    assert followed["followed"]
    assert not client.delete(API + f"reports/{report['id']}/follow").json()["followed"]

    elsewhere = make_user("tenant", fiscal_code=FISCAL_CODES[1])  # Lorenteggio
    assert logged_in(client, elsewhere).get(API + f"reports/{report['id']}").status_code == 404


def test_a_report_sent_with_photos_keeps_them_for_its_household_only(client, tenant,
                                                                      neighbour):
    from casa.reports.tests.test_photos_go_with_the_report_to_who_may_see_it import phone_photo

    created = logged_in(client, tenant).post(API + "reports", {
        "category": "water_leak", "place": "entrance", "description": "Macchia.",
        "photos": [phone_photo("a.jpg"), phone_photo("b.jpg")]})
    assert created.status_code == 200, created.content
    photos = created.json()["photos"]
    assert len(photos) == 2 and client.get(photos[0])["Content-Type"] == "image/jpeg"
    public = logged_in(client, neighbour).get(API + f"reports/{created.json()['id']}").json()
    assert public["photos"] == []
    assert client.get(photos[0]).status_code == 404


def test_a_report_sent_again_with_its_key_is_saved_once(client, tenant):
    data = {"category": "lift", "place": "flat", "description": "Rotto.",
            "submission_key": "5f0c2a7e-8c1d-4d2e-9a51-0b3c4d5e6f70"}
    first = logged_in(client, tenant).post(API + "reports", data).json()
    again = client.post(API + "reports", data).json()
    assert first["id"] == again["id"]


def test_the_api_never_gives_the_building_the_reporters_own_words(client, tenant, neighbour,
                                                                   manager, lift):
    from casa.reports.services import (
        report_answer_fixed,
        report_change_status,
        report_create,
        report_follow,
    )

    report = report_create(category=lift, place="entrance", description="x",
                           acting_user=tenant)
    report_follow(report=report, acting_user=neighbour)
    report_change_status(report=report, status="resolved", acting_user=manager,
                         public_message="Motore sostituito.")
    report_answer_fixed(report=report, fixed=False, comment="Il mio vicino del 3° lo blocca.",
                        acting_user=tenant)
    seen = logged_in(client, neighbour).get(API + f"reports/{report.pk}").json()
    messages = [update["message"] for update in seen["updates"]]
    assert "Motore sostituito." in messages
    assert not any("vicino" in message for message in messages)
    mine = logged_in(client, tenant).get(API + f"reports/{report.pk}").json()
    assert any("vicino" in update["message"] for update in mine["updates"])


def test_the_list_reads_a_fixed_number_of_queries(client, tenant, neighbour, lift):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casa.reports.services import report_create

    logged_in(client, tenant)

    def listed():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(API + "reports")
        return len(response.json()), len(queries)

    for _ in range(2):
        report_create(category=lift, place="entrance", description="x", acting_user=neighbour)
    few = listed()
    for _ in range(4):
        report_create(category=lift, place="flat", description="x", acting_user=tenant)
    many = listed()
    assert (few[0], many[0]) == (2, 6) and few[1] == many[1]


def test_a_refused_report_says_why_in_the_tenants_language(client, tenant):
    response = logged_in(client, tenant).post(
        API + "reports", {"category": "lift", "place": "attic", "description": ""},
        HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 422
    messages = [problem["msg"] for problem in response.json()["detail"]]
    assert "Scegli dove si trova il problema." in messages
    assert "Descrivi il problema in poche parole." in messages


def test_staff_triage_through_the_queue(client, tenant, manager, make_user, register):
    report_id = logged_in(client, tenant).post(API + "reports", {
        "category": "lift", "place": "flat", "description": "Privato."}).json()["id"]
    queue = logged_in(client, manager).get(API + "staff/reports").json()
    assert [item["id"] for item in queue] == [report_id]
    assert queue[0]["description"] is None  # the queue holds no personal data
    moved = client.post(API + f"staff/reports/{report_id}/status",
                        {"status": "maintenance", "public_message": "Tecnico chiamato."})
    assert moved.status_code == 200 and moved.json()["status"] == "maintenance"
    refused = client.post(API + f"staff/reports/{report_id}/status", {"status": "closed"})
    assert refused.status_code == 422
    outsider = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    assert logged_in(client, outsider).get(API + "staff/reports").json() == []
    assert client.post(API + f"staff/reports/{report_id}/status",
                       {"status": "taken"}).status_code == 404
