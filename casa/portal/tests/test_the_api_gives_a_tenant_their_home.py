"""`GET /api/v1/my/home` gives a tenant the same home as the page (casa/portal/home.py), and
only theirs; its refusals are those it declares."""

import pytest
from django.test import override_settings
from django.urls import reverse

from casa.appointments.tests.helpers import MONDAY, at, rome
from casa.hubs.tests.helpers import open_hub
from casa.notices.services import notice_publish
from conftest import FISCAL_CODES

URL = reverse("api:my_home")


@pytest.fixture
def hub(register):
    return open_hub(register["hubs"]["san-siro"])  # Monday to Friday 9:00-13:00


@override_settings(CASA_PHONE_HEATING_FAULTS="800 123 456", CASA_PHONE_ALER_EMERGENCY="")
def test_a_tenant_gets_their_home(client, register, hub, make_user):
    manager = make_user("community_manager", hubs=[hub])
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with at(rome(MONDAY, 10)):
        notice = notice_publish(title="Stop riscaldamento", body="Domani.", audience="hub",
                                hub=hub, acting_user=manager)
        client.force_login(tenant)
        home = client.get(URL).json()
    assert home["household"] == "H001"
    assert home["address"] == "Via Zamagna 5"
    assert [member["last_name"] for member in home["members"]] == ["Rossi"]
    assert home["hub"]["code"] == "san-siro" and home["hub"]["nearest"] is False
    assert home["hub"]["open_today"] == [{"opens": "09:00:00", "closes": "13:00:00"}]
    assert home["hub"]["community_managers"] == [manager.get_full_name() or manager.email]
    assert home["unread_notices"] == 1
    assert [item["id"] for item in home["notices"]] == [notice.pk]
    assert [number["number"] for number in home["useful_numbers"]] == ["800 123 456", "112"]
    assert home["next_appointment"] is None


def test_the_nearest_hub_is_said_so(client, register, hub, make_user):
    from decimal import Decimal

    from casa.hubs.models import Place

    Place.objects.create(municipality="Rozzano", neighbourhood="", latitude=Decimal("45.38"),
                         longitude=Decimal("9.16"))
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[2]))  # H003, no hub
    home = client.get(URL).json()
    assert home["hub"]["code"] == "san-siro" and home["hub"]["nearest"] is True


def test_refusals(client, register, make_user):
    assert client.get(URL).status_code == 401
    client.force_login(make_user("community_manager", hubs=[register["hubs"]["san-siro"]]))
    assert client.get(URL).status_code == 403
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[3]))  # in no household
    response = client.get(URL)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
