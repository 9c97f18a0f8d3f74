"""Staff search the register by code, fiscal code, name or address, within their scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from casa.registry.models import Household, Member, Unit
from casa.registry.selectors import household_search
from conftest import FISCAL_CODES

URL = reverse("registry:household_search")


@pytest.fixture
def officer(make_user):
    return make_user("benefit_officer")


@pytest.fixture
def manager(make_user, register):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


def codes(user, query, **filters):
    return [h.code for h in household_search(user=user, query=query, **filters)]


def test_it_finds_a_household_by_its_code_whatever_the_case(register, officer):
    assert codes(officer, "H002") == ["H002"]
    assert codes(officer, " h002 ") == ["H002"]


def test_it_finds_a_household_by_a_member_fiscal_code(register, officer):
    assert codes(officer, FISCAL_CODES[2]) == ["H003"]
    assert codes(officer, FISCAL_CODES[2].lower()) == ["H003"]


def test_it_finds_a_household_by_the_start_of_a_surname(register, officer):
    assert codes(officer, "bian") == ["H002"]
    assert codes(officer, "VERDI") == ["H003"]


def test_it_finds_a_household_by_first_and_last_name_in_either_order(register, officer):
    assert codes(officer, "mario rossi") == ["H001"]
    assert codes(officer, "Rossi  Mario") == ["H001"]
    assert codes(officer, "rossi m") == ["H001"]
    assert codes(officer, "mario") == ["H001", "H002", "H003"]


def test_it_finds_households_by_a_word_of_the_building_address(register, officer):
    assert codes(officer, "zamagna") == ["H001"]
    assert codes(officer, "giambellino 140") == ["H002"]


def test_it_finds_nothing_for_a_name_that_only_appears_inside_a_surname(register, officer):
    assert codes(officer, "ossi") == []


def test_a_community_manager_never_finds_households_outside_their_hubs(register, manager):
    assert codes(manager, "") == ["H001"]
    assert codes(manager, "H002") == []
    assert codes(manager, "bianchi") == []
    assert codes(manager, FISCAL_CODES[1]) == []
    assert codes(manager, "giambellino") == []
    assert codes(manager, "", hub="lorenteggio") == []


def test_a_community_manager_can_only_pick_their_own_hubs_as_a_filter(client, register,
                                                                     manager):
    client.force_login(manager)
    page = client.get(URL).content.decode()
    assert "San Siro" in page
    assert "Lorenteggio" not in page
    response = client.get(URL, {"hub": "lorenteggio"})
    assert "H002" not in response.content.decode()


def test_it_filters_by_hub_and_rent_band(register, officer):
    assert codes(officer, "", hub="lorenteggio") == ["H002"]
    assert codes(officer, "", hub=register["hubs"]["san-siro"]) == ["H001"]
    assert codes(officer, "", band="permanenza") == ["H003"]


def test_ended_tenancies_are_found_only_when_asked(register, officer):
    Household.objects.filter(code="H003").update(tenancy_end=dt.date(2025, 6, 30))
    assert codes(officer, "verdi") == []
    assert codes(officer, "verdi", include_ended=True) == ["H003"]


def test_the_search_page_works_as_a_plain_form_without_javascript(client, register, officer):
    client.force_login(officer)
    response = client.get(URL, {"q": "rossi"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in page
    assert "H001" in page
    assert "Rossi Mario" in page
    assert "Via Zamagna 5" in page
    assert "San Siro" in page
    assert "H002" not in page


def test_an_htmx_request_gets_only_the_results(client, register, officer):
    client.force_login(officer)
    response = client.get(URL, {"q": "bianchi"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "H002" in page
    assert "<form" not in page
    assert "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_results_are_paginated(client, register, officer, settings):
    settings.CASA_PAGE_SIZE = 2
    client.force_login(officer)
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert "H001" in first and "H002" in first and "H003" not in first
    assert "H003" in second


def test_the_results_page_runs_a_fixed_number_of_queries_for_25_rows(
    client, register, make_user, django_assert_max_num_queries
):
    building = register["households"]["H001"].unit.building
    for number in range(30):
        unit = Unit.objects.create(code=f"U-X{number}", building=building)
        household = Household.objects.create(code=f"X{number:03}", unit=unit,
                                             tenancy_start=dt.date(2020, 1, 1),
                                             rent_band="accesso", arrears_eur=Decimal("0"))
        Member.objects.create(household=household, fiscal_code=f"FAKE{number:012}",
                              first_name="Anna", last_name=f"Neri{number}",
                              birth_date=dt.date(1990, 1, 1), sex="F", relation="head",
                              citizenship="IT")
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.force_login(manager)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.content.decode().count('<th scope="row">') == 25


def test_results_are_paginated_keeping_the_query_with_and_without_htmx(client, register,
                                                                         officer, settings):
    settings.CASA_PAGE_SIZE = 2
    client.force_login(officer)

    page = client.get(URL, {"band": ""}).content.decode()

    assert "Pagina 1 di 2" in page
    assert 'href="?band=&amp;page=2"' in page
    assert 'hx-get="?band=&amp;page=2"' in page and 'hx-target="#household-results"' in page
    assert "Pagina 2 di 2" in client.get(URL, {"band": "", "page": 2}).content.decode()
