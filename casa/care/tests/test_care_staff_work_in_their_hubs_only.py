"""Care staff and Community Managers work in the buildings of their hubs: another hub's round,
building or resident is not found (404, not 403: nothing tells it exists); programme managers
read every hub's; care staff's rounds never show to a tenant or a benefit officer."""

import uuid

import pytest
from django.urls import reverse

from casa.care import services
from casa.core.models import AuditEvent
from conftest import FISCAL_CODES

from .conftest import resident_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lorenteggio_round(register, other_carer):
    return services.round_submit(building=register["households"]["H002"].unit.building,
                                 checks={"lifts": {"status": "ok"}}, acting_user=other_carer,
                                 submission_key=uuid.uuid4())


def test_another_hubs_round_building_and_resident_are_not_found(client, register, carer,
                                                                 other_carer,
                                                                 lorenteggio_round):
    resident = resident_of(other_carer, FISCAL_CODES[1])
    client.force_login(carer)
    assert client.get(reverse("care:round_detail", args=[lorenteggio_round.pk])).status_code \
        == 404
    assert client.get(reverse("care:round_new", args=["B002"])).status_code == 404
    assert client.get(reverse("care:resident_detail", args=[resident.pk])).status_code == 404
    assert client.post(reverse("care:visit_new", args=[resident.pk]),
                       {"notes": "x"}).status_code == 404
    assert "B002" not in client.get(reverse("care:rounds")).content.decode()
    # Their own hub's: found.
    assert client.get(reverse("care:round_new", args=["B001"])).status_code == 200


def test_a_programme_manager_reads_every_hub_but_does_no_rounds(client, register, make_user,
                                                                lorenteggio_round):
    client.force_login(make_user("programme_manager"))
    assert client.get(reverse("care:round_detail", args=[lorenteggio_round.pk])).status_code \
        == 200
    assert client.get(reverse("care:round_new", args=["B002"])).status_code == 403


@pytest.mark.parametrize("role", ["tenant", "benefit_officer", "auditor"])
def test_other_roles_read_nothing_of_the_care_work(client, register, make_user, role,
                                                   lorenteggio_round):
    client.force_login(make_user(role))
    assert client.get(reverse("care:rounds")).status_code == 403
    assert client.get(reverse("care:round_detail", args=[lorenteggio_round.pk])).status_code \
        == 403


def test_reading_a_fragile_residents_record_is_audited(client, register, carer):
    resident = resident_of(carer)
    client.force_login(carer)
    assert client.get(reverse("care:resident_detail", args=[resident.pk])).status_code == 200
    event = AuditEvent.objects.get(action="view", target_type="care.fragileresident")
    assert (event.actor, event.subject) == (carer, "household:H001")
