"""Staff pages: a Community Manager sees the participants of their hub with missing data,
completes them and records consent; another hub's participant is not found; an auditor reads
and cannot change; every read of a participant is audited; the indicators page computes and a
programme manager takes a snapshot."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.participants.models import IndicatorSnapshot, Participant

from .helpers import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(projects, register, person):
    support(person(), register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="test:1")
    support(person("H002"), register["hubs"]["lorenteggio"], dt.date(2026, 3, 2),
            source="test:2")
    return (Participant.objects.get(hub__code="san-siro"),
            Participant.objects.get(hub__code="lorenteggio"))


@pytest.fixture
def manager(make_user, register, client):
    user = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return user


def test_the_hub_lists_who_has_missing_data_and_the_reads_are_audited(client, manager, two):
    mine, _other = two
    page = client.get(reverse("participants:hub", args=["san-siro"])).content.decode()
    assert reverse("participants:detail", args=[mine.pk]) in page
    assert "labour-market status, education, consent question" in page
    assert AuditEvent.objects.filter(actor=manager, action="view", target_id=str(mine.pk),
                                     subject="household:H001").exists()
    assert client.get(reverse("participants:hub", args=["lorenteggio"])).status_code == 404


def test_a_community_manager_completes_a_participant_and_records_consent(client, manager,
                                                                          two):
    mine, other = two
    url = reverse("participants:detail", args=[mine.pk])
    assert "Fiscal code" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(actor=manager, action="view",
                                     target_type="participants.participant").exists()
    refused = client.post(url, {"labour_status": "retired", "gender": "woman",
                                "exit_date": "2026-01-01"}).content.decode()
    assert "Select a valid choice" in refused
    refused = client.post(url, {"gender": "woman", "exit_date": "2026-01-01"}).content.decode()
    assert "The exit date cannot be before the entry date (02/03/2026)." in refused
    client.post(url, {"labour_status": "inactive", "education": "isced_3_4",
                      "gender": "woman"})
    mine.refresh_from_db()
    assert (mine.labour_status, mine.education) == ("inactive", "isced_3_4")

    client.post(reverse("participants:consent", args=[mine.pk]),
                {"given": "yes", "how": "signed_form"})
    client.post(reverse("participants:special", args=[mine.pk]), {"disability": "yes"})
    mine.refresh_from_db()
    assert mine.disability is True
    page = client.get(reverse("participants:hub", args=["san-siro"])).content.decode()
    assert "No participant to complete." in page
    client.post(reverse("participants:consent_withdraw", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.disability is None

    assert client.get(reverse("participants:detail", args=[other.pk])).status_code == 404


def test_an_auditor_reads_but_cannot_change(client, make_user, two):
    mine, _ = two
    client.force_login(make_user("auditor"))
    url = reverse("participants:detail", args=[mine.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"labour_status": "inactive", "gender": "woman"}).status_code == 403
    assert client.post(reverse("participants:consent", args=[mine.pk]),
                       {"given": "yes", "how": "oral"}).status_code == 403


def test_a_programme_manager_computes_the_indicators_and_takes_a_snapshot(client, make_user,
                                                                           two, projects):
    client.cookies["django_language"] = "en"
    client.force_login(make_user("programme_manager"))
    url = reverse("participants:indicators")
    query = {"project": "oltre-san-siro", "start": "2026-01-01", "end": "2026-06-30"}
    page = client.get(url, query).content.decode()
    assert "Take a snapshot to report" in page and "third-country nationals" in page
    bad = client.get(url, {**query, "end": "2025-12-31"}).content.decode()
    assert "The end of the period cannot be before its start." in bad
    response = client.post(url, query)
    snapshot = IndicatorSnapshot.objects.get()
    assert response["Location"] == reverse("participants:snapshot", args=[snapshot.pk])
    assert snapshot.project == projects["oltre-san-siro"]
    assert snapshot.figures["total"] == {"count": 1, "missing": 0}
    assert client.get(response["Location"]).status_code == 200
