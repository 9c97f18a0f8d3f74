"""A tenant sees their own home, their Spazio CASA and Community Managers, and nobody else's."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.appointments.tests.helpers import MONDAY, at, rome
from casa.hubs.tests.helpers import open_hub
from casa.registry.models import Household, Member
from conftest import FISCAL_CODES

URL = reverse("portal:my_home")


@pytest.fixture
def hub(register):
    hub = register["hubs"]["san-siro"]
    hub.phone = "02 1234 5678"
    hub.email = "sansiro@casa.invalid"
    hub.save()
    return open_hub(hub)  # Monday to Friday 9:00-13:00


def test_a_tenant_sees_their_home_hub_and_community_manager(client, hub, make_user):
    manager = make_user("community_manager", hubs=[hub])
    manager.first_name, manager.last_name = "Giulia", "Ferri"
    manager.save()
    make_user("care_staff", hubs=[hub])
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    Member.objects.create(household=Household.objects.get(code="H001"),
                          fiscal_code=FISCAL_CODES[3], first_name="Paola",
                          last_name="Rossi", birth_date=dt.date(2010, 4, 10), sex="F",
                          relation="child", citizenship="IT")
    with at(rome(MONDAY, 10)):
        client.force_login(tenant)
        page = client.get(URL).content.decode()
    assert "Via Zamagna 5" in page
    assert "San Siro" in page
    assert "Piazza Selinunte 1" in page
    assert 'data-hub-today="open"' in page
    assert "Aperto ora" in page and "9:00–13:00" in page
    assert 'href="tel:0212345678"' in page
    assert "sansiro@casa.invalid" in page
    assert "Giulia Ferri" in page
    assert "Care Staff" not in page
    assert "Paola Rossi" in page
    assert FISCAL_CODES[3] not in page


def test_a_tenant_sees_only_their_own_household(client, hub, make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[1]))
    page = client.get(URL).content.decode()
    assert "Via Giambellino 140" in page
    assert "Via Zamagna 5" not in page
    assert "H001" not in page


def test_a_tenant_not_in_the_register_is_told_to_contact_their_hub(client, register,
                                                                  make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[3]))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Non abbiamo ancora trovato la tua casa" in response.content.decode()


def test_a_tenant_whose_tenancy_ended_does_not_see_the_old_home(client, register, make_user):
    Household.objects.filter(code="H001").update(tenancy_end=dt.date(2025, 1, 31))
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    page = client.get(URL).content.decode()
    assert "Non abbiamo ancora trovato la tua casa" in page
    assert "Via Zamagna 5" not in page


def test_staff_do_not_have_a_my_home_page(client, register, make_user):
    client.force_login(make_user("community_manager"))
    assert client.get(URL).status_code == 403


def test_a_tenant_sees_when_their_hub_is_closed_today(client, hub, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with at(rome(MONDAY + dt.timedelta(days=5), 10)):  # Saturday
        client.force_login(tenant)
        page = client.get(URL).content.decode()
    assert 'data-hub-today="closed"' in page
    assert 'data-hub-today="open"' not in page
