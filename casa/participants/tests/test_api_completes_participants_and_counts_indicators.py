"""The participants' JSON API (i11api) goes through the pages' selectors and services: a hub's
participants with missing data and one participant, each read audited; completing the data;
special categories only with consent in force, removed when it is withdrawn; the indicators
of selectors.indicators with the records each figure could not use, and the snapshots. Care
staff and tenants are refused as the pages refuse them, another hub's Community Manager finds
nothing, and refusals come in the user's language."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.participants import selectors, services
from casa.participants.models import Participant

from .helpers import support


@pytest.fixture
def manager(register, make_user):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


@pytest.fixture
def supported(register, projects, person):
    """A participant supported at San Siro, nothing completed yet."""
    member = person("H001")
    support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2))
    return Participant.objects.get(fiscal_code=member.fiscal_code)


def test_a_hubs_participants_with_missing_data_are_listed_and_the_read_audited(
        client, manager, supported):
    client.force_login(manager)

    listed = client.get(reverse("api:participant_hub_list", args=["san-siro"]))

    assert listed.status_code == 200
    assert [(p["id"], p["missing"]) for p in listed.json()["results"]] == [
        (supported.pk, ["labour_status", "education", "consent"])]
    assert AuditEvent.objects.filter(target_type="participants.participant",
                                     target_id=str(supported.pk), action="view").count() == 1


def test_completing_a_participant_leaves_them_off_the_missing_list(client, manager, supported):
    client.force_login(manager)
    url = reverse("api:participant_complete", args=[supported.pk])

    done = client.post(url, {"labour_status": "unemployed", "education": "isced_3_4"})
    client.post(reverse("api:participant_consent", args=[supported.pk]),
                {"given": "false", "how": "oral"})

    assert done.status_code == 200 and done.json()["missing"] == ["consent"]
    supported.refresh_from_db()
    assert (supported.labour_status, supported.education) == ("unemployed", "isced_3_4")
    assert client.get(reverse("api:participant_hub_list", args=["san-siro"])).json() == {
        "count": 0, "page": 1, "pages": 1, "results": []}
    assert AuditEvent.objects.filter(target_type="participants.participant",
                                     action="view").count() == 2  # each answer read back


def test_special_categories_need_the_consent_and_go_with_its_withdrawal(client, manager,
                                                                         supported):
    client.force_login(manager)
    special = reverse("api:participant_special_categories", args=[supported.pk])
    consent = reverse("api:participant_consent", args=[supported.pk])

    without = client.post(special, {"homeless": "true"}, HTTP_ACCEPT_LANGUAGE="it")
    given = client.post(consent, {"given": "true", "how": "signed_form"})
    recorded = client.post(special, {"homeless": "true", "disability": "false"})
    withdrawn = client.delete(consent)

    assert without.status_code == 422
    assert "consenso" in without.json()["detail"][0]["msg"]
    assert given.status_code == 200 and given.json()["consent_in_force"] is True
    assert recorded.json()["special_categories"]["homeless"] is True
    assert withdrawn.status_code == 200
    assert withdrawn.json()["special_categories"] == dict.fromkeys(
        ["disability", "foreign_background", "minority", "homeless"])
    assert withdrawn.json()["consent_in_force"] is False


def test_a_value_not_from_the_list_is_refused_in_the_users_language(client, manager,
                                                                    supported):
    client.force_login(manager)

    refused = client.post(reverse("api:participant_complete", args=[supported.pk]),
                          {"labour_status": "astronaut"}, HTTP_ACCEPT_LANGUAGE="it")

    assert refused.status_code == 422
    assert "Scegli" in refused.json()["detail"][0]["msg"]
    supported.refresh_from_db()
    assert supported.labour_status == ""


def test_the_indicators_are_the_selectors_with_the_records_they_could_not_use(
        client, register, projects, admin, supported, person):
    done = person("H001", sex="M")
    support(done, register["hubs"]["san-siro"], dt.date(2026, 4, 1))
    services.participant_complete(
        participant=Participant.objects.get(fiscal_code=done.fiscal_code), acting_user=admin,
        labour_status="employed", education="isced_5_8")
    client.force_login(admin)

    answered = client.get(reverse("api:participant_indicators"),
                          {"start": "2026-01-01", "end": "2026-12-31", "hub": "san-siro"})

    assert answered.status_code == 200
    # Each figure has a count or counts by category (the other null), and `missing`.
    figures = {name: {key: value for key, value in figure.items() if value is not None}
               for name, figure in answered.json()["figures"].items()}
    assert figures == selectors.indicators(hub=register["hubs"]["san-siro"],
                                           period=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert figures["total"]["count"] == 2
    assert figures["labour_status"]["missing"] == 1
    assert figures["labour_status"]["counts"]["employed"] == 1


def test_a_period_that_ends_before_it_starts_is_refused(client, projects, admin):
    client.force_login(admin)

    refused = client.get(reverse("api:participant_indicators"),
                         {"start": "2026-12-31", "end": "2026-01-01"},
                         HTTP_ACCEPT_LANGUAGE="it")

    assert refused.status_code == 422
    assert "fine del periodo" in refused.json()["detail"][0]["msg"]


def test_snapshots_are_read_as_they_were_taken(client, projects, admin, supported):
    snapshot = services.snapshot_take(acting_user=admin,
                                      period=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    client.force_login(admin)

    listed = client.get(reverse("api:participant_snapshot_list")).json()
    one = client.get(reverse("api:participant_snapshot_detail", args=[snapshot.pk])).json()

    assert [s["id"] for s in listed] == [snapshot.pk]
    assert one["figures"]["total"]["count"] == 1 and one["start"] == "2026-01-01"


def test_another_hubs_community_manager_finds_nothing(client, register, make_user,
                                                      supported):
    client.force_login(make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))

    assert client.get(reverse("api:participant_detail", args=[supported.pk])).status_code == 404
    assert client.post(reverse("api:participant_complete", args=[supported.pk]),
                       {"labour_status": "employed"}).status_code == 404
    assert client.post(reverse("api:participant_consent", args=[supported.pk]),
                       {"given": "true", "how": "oral"}).status_code == 404
    assert client.get(reverse("api:participant_hub_list", args=["san-siro"])).status_code == 404
    supported.refresh_from_db()
    assert supported.labour_status == "" and not supported.consents.exists()


@pytest.mark.parametrize("role", ["tenant", "care_staff"])
def test_who_may_not_see_participants_is_refused(client, register, make_user, supported,
                                                 role):
    client.force_login(make_user(role, hubs=[register["hubs"]["san-siro"]]
                                 if role != "tenant" else ()))

    assert client.get(reverse("api:participant_hubs")).status_code == 403
    assert client.get(reverse("api:participant_detail", args=[supported.pk])).status_code == 403
    assert client.post(reverse("api:participant_complete", args=[supported.pk]),
                       {"labour_status": "employed"}).status_code == 403
    assert not AuditEvent.objects.filter(target_type="participants.participant",
                                         action="view").exists()


def test_community_managers_do_not_read_the_indicators(client, manager, supported):
    client.force_login(manager)

    assert client.get(reverse("api:participant_indicators"),
                      {"start": "2026-01-01", "end": "2026-12-31"}).status_code == 403
    assert client.get(reverse("api:participant_snapshot_list")).status_code == 403
