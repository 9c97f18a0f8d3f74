"""A case is handed over to another Community Manager of the hub (by its owner or by the social
coordinator), audited, and closed with an outcome; a closed case takes no more changes, and the
logs are append-only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.casework import selectors, services
from casa.casework.models import CaseStatus, Contact, Handover
from casa.core.models import AuditEvent


def test_the_coordinator_hands_a_case_over_and_it_is_audited(case, people):
    services.case_hand_over(case=case, to_owner=people["colleague"],
                            reason="La CM lascia il servizio", acting_user=people["coordinator"])
    case.refresh_from_db()
    assert case.owner == people["colleague"]
    handover = Handover.objects.get(case=case)
    assert (handover.from_owner, handover.to_owner, handover.by) == (
        people["manager"], people["colleague"], people["coordinator"])
    event = AuditEvent.objects.get(target_id=case.reference, note="handed over")
    assert event.changes == {"owner": ["cm@example.invalid", "cm2@example.invalid"]}
    # The new owner's caseload has it, the old one's not.
    assert list(selectors.caseload(people["colleague"])) == [case]
    assert list(selectors.caseload(people["manager"])) == []


def test_a_case_is_handed_only_to_a_community_manager_of_the_hub(case, people):
    for who in ("other_hub", "coordinator", "care"):
        with pytest.raises(ValidationError) as error:
            services.case_hand_over(case=case, to_owner=people[who], reason="Trasloco",
                                    acting_user=people["manager"])
        assert "to_owner" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.case_hand_over(case=case, to_owner=people["colleague"], reason="x",
                                acting_user=people["other_hub"])


def test_a_closed_case_takes_no_more_changes(client, case, people):
    services.case_close(case=case, outcome="referred_on", note="Seguito dai servizi sociali.",
                        acting_user=people["manager"])
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == "referred_on"
    assert case.closed_at is not None
    with pytest.raises(ValidationError):
        services.contact_log(case=case, kind="phone", at=timezone.now(), notes="Dopo",
                             acting_user=people["manager"])
    client.force_login(people["manager"])
    response = client.post(reverse("casework_staff:act", args=[case.pk, "contact"]),
                           {"contact-kind": "phone", "contact-day": "2026-01-01",
                            "contact-time": "10:00", "contact-notes": "Dopo"})
    assert response.status_code == 302
    assert not Contact.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(target_id=case.reference, action="end").exists()


def test_closing_needs_an_outcome(case, people):
    with pytest.raises(ValidationError) as error:
        services.case_close(case=case, outcome="", acting_user=people["manager"])
    assert error.value.message_dict["outcome"] == ["Scegli l'esito della presa in carico."]


def test_the_contact_log_is_append_only(case, people):
    contact = services.contact_log(case=case, kind="home_visit",
                                   at=timezone.now() - dt.timedelta(hours=1), notes="Visita.",
                                   acting_user=people["manager"])
    contact.notes = "Riscritta"
    with pytest.raises(TypeError):
        contact.save()
    with pytest.raises(TypeError):
        contact.delete()
