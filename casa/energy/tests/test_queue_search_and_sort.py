"""One search box finds an application by protocol, name (surname first or not), fiscal code or
household code; the applicant's name shows next to the household code; the columns sort by
submission date, amount and ISEE in both directions, through links that say how they sort."""

import re

import pytest
from django.urls import reverse

from casa.registry.models import Member

from .backoffice import login
from .queue_fixtures import in_state, queue_call

pytestmark = pytest.mark.django_db
URL = reverse("energy:review_queue")


@pytest.fixture
def world(make_user):
    officer = make_user("benefit_officer")
    call = queue_call()
    # Submitted in this order; ISEE and expected amount (half the charge) vary.
    apps = [in_state(call, "submitted", officer=officer, minutes=minute, isee=isee,
                     charge=charge)
            for minute, (isee, charge) in enumerate([("14000.00", "300.00"),
                                                     ("10000.00", "500.00"),
                                                     ("12000.00", "200.00")])]
    # No valid ISEE: not eligible, nothing expected; last in either ISEE order.
    apps.append(in_state(call, "submitted", officer=officer, minutes=3, isee=None))
    Member.objects.filter(household=apps[1].household).update(first_name="Anna",
                                                             last_name="Colombo")
    return {"officer": officer, "apps": apps}


def order(text, apps):
    """The indexes of `apps` in the order the queue lists them."""
    return [index for _position, index in
            sorted((text.index(app.protocol), index) for index, app in enumerate(apps)
                   if app.protocol in text)]


def test_the_applicants_name_shows_next_to_the_household_code(client, world):
    login(client, world["officer"])
    text = client.get(URL).content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\"[^>]*><a[^>]*>" + world["apps"][1].protocol
                    + r"</a></th>(.*?)</tr>", text, re.S).group(1)
    assert "Colombo Anna" in row and world["apps"][1].household.code in row


@pytest.mark.parametrize("query", ["colombo", "Colombo Anna", "anna colombo", "COLOMBO an"])
def test_a_name_finds_the_application_surname_first_or_not(client, world, query):
    login(client, world["officer"])
    text = client.get(URL, {"q": query}).content.decode()
    assert order(text, world["apps"]) == [1]


def test_protocol_fiscal_code_and_household_code_find_the_application(client, world):
    login(client, world["officer"])
    app = world["apps"][2]
    head = app.household.members.get(relation="head")
    for query in (app.protocol, app.protocol.lower(), head.fiscal_code,
                  app.household.code.lower()):
        text = client.get(URL, {"q": query}).content.decode()
        assert order(text, world["apps"]) == [2], query


def test_a_search_that_finds_nothing_offers_to_look_among_all(client, world):
    login(client, world["officer"])
    text = client.get(URL, {"q": "nessuno"}).content.decode()
    assert "No application matches these filters." in text
    assert "Look among all applications" in text


@pytest.mark.parametrize(("sort", "expected"), [
    ("", [0, 1, 2, 3]), ("submitted", [0, 1, 2, 3]), ("-submitted", [3, 2, 1, 0]),
    ("isee", [1, 2, 0, 3]), ("-isee", [0, 2, 1, 3]),
    ("amount", [3, 2, 0, 1]), ("-amount", [1, 0, 2, 3]),
])
def test_the_queue_sorts_by_date_isee_and_amount(client, world, sort, expected):
    login(client, world["officer"])
    text = client.get(URL, {"sort": sort} if sort else {}).content.decode()
    assert order(text, world["apps"]) == expected


def test_sortable_headers_are_links_with_aria_sort(client, world):
    login(client, world["officer"])
    text = client.get(URL, {"sort": "-isee", "q": "colombo"}).content.decode()
    header = re.search(r'<th scope="col"[^>]*aria-sort="descending"><a href="([^"]+)">ISEE used',
                       text)
    assert header, "the ISEE header carries aria-sort=descending"
    assert "sort=isee" in header.group(1) and "q=colombo" in header.group(1)
    assert text.count("aria-sort=") == 1  # only the column the queue is sorted by
    amount = re.search(r'<th scope="col"[^>]*><a href="([^"]+)">Amount', text).group(1)
    assert "sort=amount" in amount
