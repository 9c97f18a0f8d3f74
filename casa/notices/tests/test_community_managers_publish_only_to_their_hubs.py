"""Community Managers publish to their own hubs' buildings (the hub, a building, an entrance);
programme managers and administrators to everyone and anywhere. The form offers only what the
user may publish to, and the service refuses the rest whoever calls it."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.notices.models import Notice
from casa.notices.services import notice_publish
from casa.registry.models import Building


def form_data(**values):
    data = {"title": "Interruzione acqua", "body": "Martedì dalle 9 alle 12.",
            "audience": "building", "submission_key": str(uuid.uuid4())}
    data.update(values)
    return data


def test_a_community_manager_publishes_to_a_building_of_their_hub(client, manager):
    b001 = Building.objects.get(code="B001")
    client.force_login(manager)

    response = client.post(reverse("notices:new"), form_data(building=b001.pk))

    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:detail", args=[notice.pk])
    assert (notice.audience, notice.building, notice.created_by) == ("building", b001, manager)
    event = AuditEvent.objects.get(target_type="notices.notice", action="create")
    assert event.actor == manager and event.changes["building"] == "B001"


def test_the_form_offers_a_community_manager_only_their_hubs_and_buildings(client, manager):
    client.force_login(manager)

    form = client.get(reverse("notices:new")).context["form"]

    assert [hub.code for hub in form.fields["hub"].queryset] == ["san-siro"]
    assert [b.code for b in form.fields["building"].queryset] == ["B001"]
    assert "everyone" not in dict(form.fields["audience"].choices)


@pytest.mark.parametrize("values", [
    {"audience": "everyone"},
    {"audience": "hub", "hub": "lorenteggio"},
    {"audience": "building", "building": "B002"},
    {"audience": "entrance", "building": "B002", "entrance": "A"},
])
def test_a_community_manager_cannot_publish_beyond_their_hubs(client, register, manager,
                                                             values):
    data = form_data(**values)
    if "hub" in data:
        data["hub"] = register["hubs"][data["hub"]].pk
    if "building" in data:
        data["building"] = Building.objects.get(code=data["building"]).pk
    client.force_login(manager)

    response = client.post(reverse("notices:new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Notice.objects.exists()


@pytest.mark.parametrize("values", [
    {"audience": "everyone"},
    {"audience": "hub", "hub": "lorenteggio"},
    {"audience": "building", "building": "B002"},
    {"audience": "entrance", "building": "B002", "entrance": "A"},
])
def test_the_service_refuses_it_too(register, manager, english, values):
    if "hub" in values:
        values["hub"] = register["hubs"][values["hub"]]
    if "building" in values:
        values["building"] = Building.objects.get(code=values["building"])

    with pytest.raises(ValidationError) as refused:
        notice_publish(title="Avviso", body="Testo", acting_user=manager, **values)

    assert "only to the buildings of your own Spazi CASA" in str(refused.value)
    assert not Notice.objects.exists()


def test_a_programme_manager_publishes_to_every_tenant(client, register, programme_manager):
    client.force_login(programme_manager)

    response = client.post(reverse("notices:new"), form_data(audience="everyone"))

    assert response.status_code == 302
    assert Notice.objects.get().audience == "everyone"


def test_care_staff_and_tenants_cannot_publish(client, register, make_user):
    for user in (make_user("care_staff", hubs=[register["hubs"]["san-siro"]]),
                 make_user("tenant")):
        client.force_login(user)
        assert client.post(reverse("notices:new"), form_data(audience="everyone")
                           ).status_code == 403
    assert not Notice.objects.exists()
