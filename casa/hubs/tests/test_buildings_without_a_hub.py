"""Every building has a hub. Staff assign the buildings the register leaves without one; until
then a household's hub is the nearest one (by the neighbourhood's point), flagged as such; and a
later import that names no hub keeps the staff's choice."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.hubs import selectors
from casa.hubs.models import Place
from casa.registry.importing import import_registry
from casa.registry.models import Building, Household

from .helpers import open_hub


@pytest.fixture
def hubs(register):
    """San Siro and Lorenteggio on the map; B003 (Rozzano, no hub) in a known place nearer to
    Lorenteggio."""
    san_siro = open_hub(register["hubs"]["san-siro"], lat="45.47000", lon="9.14000")
    lorenteggio = open_hub(register["hubs"]["lorenteggio"], lat="45.45000", lon="9.13000")
    Place.objects.create(municipality="Rozzano", neighbourhood="",
                         latitude=Decimal("45.38000"), longitude=Decimal("9.16000"))
    return {"san-siro": san_siro, "lorenteggio": lorenteggio}


def test_a_household_in_a_building_with_a_hub_gets_that_hub(hubs):
    found = selectors.hub_for_household(Household.objects.get(code="H001"))
    assert found.hub == hubs["san-siro"] and not found.nearest


def test_without_a_hub_the_household_gets_the_nearest_one_and_is_told_so(hubs):
    found = selectors.hub_for_household(Household.objects.get(code="H003"))
    assert found.hub == hubs["lorenteggio"] and found.nearest
    assert 8 < found.distance_km < 9


def test_the_neighbourhood_point_comes_before_the_municipality_point(hubs):
    building = Building.objects.get(code="B003")
    building.neighbourhood = "Nord"
    building.save()
    Place.objects.create(municipality="Rozzano", neighbourhood="Nord",
                         latitude=Decimal("45.47100"), longitude=Decimal("9.14100"))
    assert selectors.hub_for_household(Household.objects.get(code="H003")).hub == hubs["san-siro"]


def test_where_casa_knows_no_place_there_is_no_nearest_hub(hubs):
    Place.objects.all().delete()
    assert selectors.hub_for_household(Household.objects.get(code="H003")) is None


def test_staff_assign_a_building_from_the_list(client, hubs, make_user):
    manager = make_user("community_manager", hubs=[hubs["lorenteggio"]])
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    url = reverse("hubs:buildings_without_hub")
    html = client.get(url).content.decode()
    assert "Via Roma 1, Rozzano" in html and "Nearest: Lorenteggio" in html
    assert "Via Zamagna 5" not in html

    response = client.post(url, {"building": "B003", "hub": "lorenteggio"})
    assert response.status_code == 302
    assert Building.objects.get(code="B003").hub == hubs["lorenteggio"]
    found = selectors.hub_for_household(Household.objects.get(code="H003"))
    assert found.hub == hubs["lorenteggio"] and not found.nearest
    event = AuditEvent.objects.get(target_type="registry.building", target_id="B003")
    assert event.actor == manager and event.changes == {"hub": ["", "lorenteggio"]}
    assert "building-B003" not in client.get(url).content.decode()


def test_a_community_manager_cannot_assign_to_another_hub(client, hubs, make_user):
    client.force_login(make_user("community_manager", hubs=[hubs["lorenteggio"]]))
    client.cookies["django_language"] = "en"
    response = client.post(reverse("hubs:buildings_without_hub"),
                           {"building": "B003", "hub": "san-siro"}, follow=True)
    assert "Select a valid choice." in response.content.decode()
    assert Building.objects.get(code="B003").hub is None


def test_a_building_the_register_gave_a_hub_is_not_reassigned(client, hubs, make_user):
    client.force_login(make_user("admin"))
    client.cookies["django_language"] = "en"
    response = client.post(reverse("hubs:buildings_without_hub"),
                           {"building": "B001", "hub": "lorenteggio"}, follow=True)
    assert "already belongs to San Siro" in response.content.decode()
    assert Building.objects.get(code="B001").hub == hubs["san-siro"]


def test_an_import_that_names_no_hub_keeps_the_assigned_one(client, hubs, make_user, tmp_path):
    client.force_login(make_user("admin"))
    client.post(reverse("hubs:buildings_without_hub"), {"building": "B003", "hub": "lorenteggio"})
    (tmp_path / "buildings.csv").write_text(
        "building_code,address,municipality,neighbourhood,hub_code,heating,gas_pdr,managed_by\n"
        "B003,Via Roma 1,Rozzano,,,central,,administrator\n"
        "B002,Via Giambellino 140,Milano,Lorenteggio,san-siro,autonomous,,aler\n")

    result = import_registry(tmp_path)

    assert result.ok
    assert Building.objects.get(code="B003").hub == hubs["lorenteggio"]
    # A hub the register names still replaces the one in CASA.
    assert Building.objects.get(code="B002").hub == hubs["san-siro"]


def test_the_assigned_buildings_households_come_into_the_community_managers_scope(
        client, hubs, make_user):
    manager = make_user("community_manager", hubs=[hubs["lorenteggio"]])
    client.force_login(manager)
    detail = reverse("registry:household_detail", args=["H003"])
    assert client.get(detail).status_code == 404
    client.post(reverse("hubs:buildings_without_hub"), {"building": "B003", "hub": "lorenteggio"})
    assert client.get(detail).status_code == 200
