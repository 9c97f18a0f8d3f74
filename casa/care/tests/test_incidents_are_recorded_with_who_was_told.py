"""An incident: what happened, how urgent, when, who was informed (several), what followed;
audited; refused with messages in Italian next to the fields when something is missing."""

import pytest
from django.urls import reverse

from casa.care.models import Incident
from casa.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_incident_is_recorded_with_who_was_informed(client, register, carer):
    client.force_login(carer)
    building = register["households"]["H001"].unit.building
    response = client.post(reverse("care:incident_new"), {
        "building": building.pk, "kind": "occupation", "urgency": "high", "day": "2026-11-20",
        "time": "22:15", "description": "Porta di un alloggio sfitto forzata.",
        "informed": ["police", "technical_office"],
        "what_followed": "Arrivata la polizia, porta richiusa."})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.informed_police, incident.informed_technical_office,
            incident.informed_fire_brigade, incident.informed_community_manager) == (
        True, True, False, False)
    assert AuditEvent.objects.filter(action="create", target_type="care.incident",
                                     actor=carer).exists()
    page = client.get(reverse("care:incidents")).content.decode()
    assert "Porta di un alloggio sfitto forzata." in page and "Polizia" in page


def test_a_missing_incident_is_refused_in_italian(client, register, carer):
    client.force_login(carer)
    response = client.post(reverse("care:incident_new"), {"informed": ["police"]})
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("Scegli l&#x27;edificio.", "Scegli che cosa è successo.",
                    "Scegli quanto è urgente.", "Indica quando è successo.",
                    "Descrivi che cosa è successo."):
        assert message in page
    assert Incident.objects.count() == 0


def test_a_building_of_another_hub_is_not_found(client, register, carer):
    client.force_login(carer)
    building = register["households"]["H002"].unit.building
    response = client.post(reverse("care:incident_new"), {
        "building": building.pk, "kind": "fight", "urgency": "low", "day": "2026-11-20",
        "time": "10:00", "description": "Lite."})
    assert response.status_code in (200, 404)
    assert Incident.objects.count() == 0
