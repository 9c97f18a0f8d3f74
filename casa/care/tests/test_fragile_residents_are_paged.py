"""i11page: the fragile residents' page and API are paged, the visits due first, another hub's
residents on no page, a page that does not exist answered with a message, and as many queries
whatever the number of residents."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from casa.care import selectors
from conftest import FISCAL_CODES

from .conftest import resident_of


@pytest.fixture
def residents(register, carer, other_carer, neighbour_member):
    """Two residents of San Siro, the overdue one first, and one of Lorenteggio."""
    today = dt.date.today()
    weekly = resident_of(carer, every=7, consent_on=today - dt.timedelta(days=3))
    overdue = resident_of(carer, FISCAL_CODES[3], every=2, consent_on=today - dt.timedelta(5))
    elsewhere = resident_of(other_carer, FISCAL_CODES[1], every=2,
                            consent_on=today - dt.timedelta(9))
    return overdue, weekly, elsewhere


def listed(response):
    return [resident.pk for resident, _due, _overdue in response.context["rows"]]


def test_page_two_shows_the_rest_and_never_another_hubs(
        client, carer, residents, monkeypatch):
    monkeypatch.setattr(selectors, "RESIDENTS_PAGE_SIZE", 1)
    overdue, weekly, elsewhere = residents
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(carer)

    first = client.get(reverse("care:residents"))
    second = client.get(reverse("care:residents"), {"page": "2"})
    past = client.get(reverse("care:residents"), {"page": "7"})

    assert (listed(first), listed(second)) == ([overdue.pk], [weekly.pk])
    assert 'href="?page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert past.status_code == 200 and listed(past) == [weekly.pk]
    assert "There is no page “7”: showing page 2 of 2." in past.content.decode()


def test_the_residents_page_reads_as_many_queries_whatever_the_residents(
        client, carer, residents, django_assert_max_num_queries):
    client.force_login(carer)
    client.get(reverse("care:residents"))

    with django_assert_max_num_queries(8):
        assert len(listed(client.get(reverse("care:residents")))) == 2
    with django_assert_max_num_queries(12):  # and an audit event per resident read
        assert client.get(reverse("api:care_resident_list")).json()["count"] == 2


def test_the_api_pages_the_residents(client, carer, residents, monkeypatch):
    monkeypatch.setattr(selectors, "RESIDENTS_PAGE_SIZE", 1)
    overdue, weekly, elsewhere = residents
    client.force_login(carer)

    first = client.get(reverse("api:care_resident_list")).json()
    second = client.get(reverse("api:care_resident_list"), {"page": 2}).json()
    due = client.get(reverse("api:care_resident_list"), {"due": "true"}).json()

    assert (first["count"], first["pages"]) == (2, 2)
    assert [row["id"] for row in first["results"] + second["results"]] == [overdue.pk,
                                                                           weekly.pk]
    assert (due["count"], [row["id"] for row in due["results"]]) == (1, [overdue.pk])
    assert client.get(reverse("api:care_resident_list"), {"page": "x"}).status_code == 422
