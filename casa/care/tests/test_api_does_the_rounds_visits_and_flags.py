"""The care staff's JSON API (i11api) goes through the pages' selectors and services: a round
sent twice with its key is one round (also after the page's form sent it), a problem item opens
one report, an incident keeps who was told, a visit that found a problem flags the Community
Manager, who closes the flag; care staff of another hub are not found, tenants and staff
without care.view refused; the fragile residents' reads are audited; refusals come in the
user's language."""

import uuid

import pytest
from django.urls import reverse

from casa.care.models import Flag, Incident, Round, RoundCheck
from casa.core.models import AuditEvent
from casa.notifications.models import Message

from .conftest import resident_of


def submit(client, key, building="B001", **checks):
    return client.post(reverse("api:care_round_submit", args=[building]),
                       {"submission_key": str(key), "checks": checks},
                       content_type="application/json")


def test_a_round_sent_twice_through_the_api_is_saved_once(client, carer):
    client.force_login(carer)
    key = uuid.uuid4()

    first = submit(client, key, lifts={"status": "problem", "note": "Ferma al terzo piano"},
                   entrances={"status": "ok"})
    again = submit(client, key, lifts={"status": "ok"})

    assert first.status_code == again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert Round.objects.count() == 1
    statuses = {check["item"]: check["status"] for check in first.json()["checks"]}
    assert statuses["lifts"] == "problem" and statuses["entrances"] == "ok"
    assert statuses["lighting"] == "unchecked"


def test_a_round_the_page_saved_is_given_back_to_the_api_with_its_key(client, carer):
    client.force_login(carer)
    key = uuid.uuid4()
    page = client.post(reverse("care:round_new", args=["B001"]),
                       {"submission_key": str(key), "lifts-status": "ok"})
    assert page.status_code == 302

    sent = submit(client, key, lifts={"status": "problem", "note": "Ferma"})

    assert sent.status_code == 200 and Round.objects.count() == 1
    assert sent.json()["id"] == Round.objects.get().pk


def test_a_round_names_only_items_of_the_checklist(client, carer):
    client.force_login(carer)

    refused = client.post(reverse("api:care_round_submit", args=["B001"]),
                          {"submission_key": str(uuid.uuid4()),
                           "checks": {"lift": {"status": "problem", "note": "Ferma"}}},
                          content_type="application/json", HTTP_ACCEPT_LANGUAGE="it")

    assert refused.status_code == 422
    assert "lift" in refused.json()["detail"][0]["msg"]
    assert "Non sono voci del giro" in refused.json()["detail"][0]["msg"]
    assert Round.objects.count() == 0


def test_a_problem_found_on_a_round_opens_one_report_through_the_api(client, carer):
    client.force_login(carer)
    sent = submit(client, uuid.uuid4(), lifts={"status": "problem", "note": "Ferma"},
                  entrances={"status": "ok"}).json()
    checks = {check["item"]: check["id"] for check in sent["checks"]}
    url = reverse("api:care_round_item_report", args=[sent["id"], checks["lifts"]])

    first, again = client.post(url), client.post(url)
    all_right = client.post(reverse("api:care_round_item_report",
                                    args=[sent["id"], checks["entrances"]]),
                            HTTP_ACCEPT_LANGUAGE="it")

    assert first.status_code == again.status_code == 200
    assert first.json()["reference"] == again.json()["reference"]
    assert RoundCheck.objects.get(pk=checks["lifts"]).report.reference == \
        first.json()["reference"]
    assert all_right.status_code == 422
    assert "problema" in all_right.json()["detail"][0]["msg"]


def test_an_incident_through_the_api_keeps_who_was_told_and_what_followed(client, carer):
    client.force_login(carer)

    recorded = client.post(reverse("api:care_incident_create"), {
        "building": "B001", "kind": "occupation", "urgency": "high",
        "occurred_at": "2020-05-04T22:10:00+02:00", "description": "Porta forzata",
        "informed": ["police", "community_manager"], "what_followed": "Porta murata"})
    listed = client.get(reverse("api:care_incident_list")).json()

    assert recorded.status_code == 200
    incident = Incident.objects.get()
    assert incident.informed_police and incident.informed_community_manager
    assert not incident.informed_fire_brigade
    assert listed[0]["informed"] == ["police", "community_manager"]
    assert listed[0]["urgency"] == "high" and listed[0]["what_followed"] == "Porta murata"


def test_an_incident_without_what_happened_is_refused_in_the_users_language(client, carer):
    client.force_login(carer)

    refused = client.post(reverse("api:care_incident_create"), {"building": "B001"},
                          HTTP_ACCEPT_LANGUAGE="it")

    assert refused.status_code == 422
    messages = [entry["msg"] for entry in refused.json()["detail"]]
    assert "Descrivi che cosa è successo." in messages
    assert Incident.objects.count() == 0


def test_a_visit_that_found_a_problem_flags_the_community_manager_who_closes_it(
        client, carer, manager):
    resident = resident_of(carer)
    client.force_login(carer)

    visited = client.post(reverse("api:care_visit_record", args=[resident.pk]),
                          {"notes": "Non mangia da giorni", "problem_found": "true"})
    carer_closes = client.post(reverse("api:care_flag_close", args=[visited.json()["flag"]]))
    client.force_login(manager)
    open_flags = client.get(reverse("api:care_flag_list")).json()
    closed = client.post(reverse("api:care_flag_close", args=[visited.json()["flag"]]))

    assert visited.status_code == 200 and visited.json()["problem_found"] is True
    assert Message.objects.filter(user=manager, kind="care.flag").exists()
    assert carer_closes.status_code == 403
    assert [flag["id"] for flag in open_flags] == [visited.json()["flag"]]
    assert open_flags[0]["visit_notes"] == "Non mangia da giorni"
    assert closed.status_code == 200 and closed.json()["closed_at"] is not None
    assert Flag.objects.get().closed_at is not None
    assert client.get(reverse("api:care_flag_list")).json() == []
    assert AuditEvent.objects.filter(target_type="care.flag", action="view").exists()


def test_a_visit_with_a_problem_and_no_notes_is_refused(client, carer):
    resident = resident_of(carer)
    client.force_login(carer)

    refused = client.post(reverse("api:care_visit_record", args=[resident.pk]),
                          {"problem_found": "true"}, HTTP_ACCEPT_LANGUAGE="it")

    assert refused.status_code == 422
    assert "Community Manager" in refused.json()["detail"][0]["msg"]
    assert Flag.objects.count() == 0


def test_reading_the_residents_due_is_audited(client, carer):
    resident = resident_of(carer)
    client.force_login(carer)

    listed = client.get(reverse("api:care_resident_list"), {"due": "true"}).json()

    assert [row["id"] for row in listed["results"]] == [resident.pk]
    assert AuditEvent.objects.filter(target_type="care.fragileresident",
                                     target_id=str(resident.pk), action="view").count() == 1


def test_another_hubs_care_staff_find_nothing(client, carer, other_carer):
    resident = resident_of(carer)
    client.force_login(carer)
    done = submit(client, uuid.uuid4(), lifts={"status": "problem", "note": "Ferma"}).json()
    client.force_login(other_carer)

    assert submit(client, uuid.uuid4(), "B001").status_code == 404
    assert client.get(reverse("api:care_round_detail", args=[done["id"]])).status_code == 404
    assert client.post(reverse("api:care_round_item_report",
                               args=[done["id"], done["checks"][0]["id"]])).status_code == 404
    assert client.post(reverse("api:care_visit_record", args=[resident.pk]),
                       {"notes": "Ciao"}).status_code == 404
    assert client.get(reverse("api:care_resident_list")).json()["results"] == []
    assert [b["code"] for b in client.get(reverse("api:care_buildings")).json()
            if b["can_work"]] == ["B002"]


@pytest.mark.parametrize("role", ["tenant", "benefit_officer", "auditor"])
def test_who_has_no_care_pages_is_refused(client, register, make_user, role):
    client.force_login(make_user(role, hubs=[register["hubs"]["san-siro"]]
                                 if role != "tenant" else ()))

    assert client.get(reverse("api:care_buildings")).status_code == 403
    assert client.get(reverse("api:care_resident_list")).status_code == 403
    assert submit(client, uuid.uuid4()).status_code == 403
