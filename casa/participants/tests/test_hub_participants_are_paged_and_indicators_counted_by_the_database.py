"""i11ind: a hub's participants are paged (the page and the API), so that San Siro's 3,100
participants with missing data are not all read with their member and household to show 200:
the filter kept in the page links, the scope on every page, a page that does not exist
answered with a message, only the page's rows audited, in one write. The indicators are counted
by the database in groups (rules.count_groups, where the bands stay defined), with the age at
entry the database computes: rules.age_on's on every edge of a band, leap days included (the
hand-counted set is test_indicators_match_a_hand_counted_set.py)."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.participants import rules, selectors
from casa.participants.models import Participant

from .helpers import support

pytestmark = pytest.mark.django_db

ENTRY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def three(register, projects, person, make_user, client, monkeypatch):
    """Three participants of San Siro with missing data (entered on the 2nd, 3rd and 4th of
    March), one of Lorenteggio; two a page; logged in as San Siro's Community Manager."""
    monkeypatch.setattr(selectors, "HUB_PAGE_SIZE", 2)
    san_siro = register["hubs"]["san-siro"]
    for day in (2, 3, 4):
        support(person("H001"), san_siro, dt.date(2026, 3, day), source=f"test:{day}")
    support(person("H002"), register["hubs"]["lorenteggio"], ENTRY, source="test:other")
    client.force_login(make_user("community_manager", hubs=[san_siro]))
    return list(Participant.objects.filter(hub=san_siro).order_by("entry_date"))


def listed(response):
    return [participant.pk for participant in response.context["participants"]]


def test_page_two_shows_the_rest_with_the_filter_kept_and_only_the_page_audited(client,
                                                                                  three):
    url = reverse("participants:hub", args=["san-siro"])

    first = client.get(url, {"all": "1"})
    audited_first = set(AuditEvent.objects.filter(note="hub participants")
                        .values_list("target_id", flat=True))
    second = client.get(url, {"all": "1", "page": "2"})

    assert listed(first) == [three[0].pk, three[1].pk]
    assert listed(second) == [three[2].pk]
    body = first.content.decode()
    assert 'href="?all=1&amp;page=2"' in body  # the filter kept in the link
    assert "Page 1 of 2" in body
    assert audited_first == {str(three[0].pk), str(three[1].pk)}
    assert AuditEvent.objects.filter(note="hub participants").count() == 3
    assert AuditEvent.objects.get(note="hub participants",
                                  target_id=str(three[2].pk)).subject == "household:H001"


def test_another_hubs_participants_never_appear_on_any_page(client, three):
    url = reverse("participants:hub", args=["san-siro"])

    seen = [pk for number in ("1", "2", "3") for pk in listed(client.get(url, {"page": number}))]

    assert seen == [three[0].pk, three[1].pk, three[2].pk, three[2].pk]  # page 3: the last
    assert Participant.objects.get(hub__code="lorenteggio").pk not in seen


@pytest.mark.parametrize(("asked", "english", "italian"), [
    ("9", "There is no page “9”: showing page 2 of 2.",
     "La pagina “9” non esiste: è mostrata la pagina 2 di 2."),
    ("abc", "There is no page “abc”: showing page 1 of 2.",
     "La pagina “abc” non esiste: è mostrata la pagina 1 di 2."),
])
def test_a_page_that_does_not_exist_is_answered_with_a_message(client, three, asked, english,
                                                               italian):
    url = reverse("participants:hub", args=["san-siro"])

    response = client.get(url, {"page": asked})

    assert response.status_code == 200
    assert english in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    assert italian in client.get(url, {"page": asked}).content.decode()


def test_the_api_pages_a_hubs_participants(client, three):
    url = reverse("api:participant_hub_list", args=["san-siro"])

    first = client.get(url, {"all": "true"}).json()
    second = client.get(url, {"all": "true", "page": 2}).json()

    assert (first["count"], first["page"], first["pages"]) == (3, 1, 2)
    assert [line["id"] for line in first["results"] + second["results"]] == [
        participant.pk for participant in three]
    assert AuditEvent.objects.filter(note="hub participants (API)").count() == 3
    assert client.get(url, {"page": "x"}).status_code == 422


def test_the_api_reads_as_many_queries_for_many_participants_as_for_one(
        client, register, projects, person, make_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hub = register["hubs"]["san-siro"]
    client.force_login(make_user("community_manager", hubs=[hub]))
    url = reverse("api:participant_hub_list", args=["san-siro"])
    support(person(), hub, ENTRY, source="bench:0")
    client.get(url)  # the session read once
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).json()["count"] == 1
    for number in range(1, 8):
        support(person("H001" if number % 2 else "H002"), hub, ENTRY,
                source=f"bench:{number}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(client.get(url).json()["results"]) == 8


def participant(projects, register, n, birth, entry=ENTRY, **fields):
    return Participant.objects.create(
        project=projects["oltre-san-siro"], hub=register["hubs"]["san-siro"],
        fiscal_code=f"AGEBND{n:05d}F205X", entry_date=entry, birth_date=birth, **fields)


def test_many_alike_are_counted_by_the_database_as_one_group(register, projects,
                                                             monkeypatch):
    for n in range(30):
        participant(projects, register, n, dt.date(1990, 1, 1), gender="woman",
                    labour_status="employed")
    groups = []
    counted = selectors.count_groups

    def spy(rows):
        groups.extend(rows)
        return counted(groups)

    monkeypatch.setattr(selectors, "count_groups", spy)

    figures = selectors.indicators(project=projects["oltre-san-siro"])

    assert [(group.n, group.age) for group in groups] == [(30, 36)]
    assert figures["gender"]["counts"]["woman"] == 30
    assert figures["labour_status"] == {"counts": {"unemployed": 0, "long_term_unemployed": 0,
                                                   "inactive": 0, "employed": 30},
                                        "missing": 0}


# Entry dates and dates of birth on every edge of a band, leap days included.
EDGES = [
    (dt.date(2026, 3, 2), dt.date(2008, 3, 2)),  # 18 that day
    (dt.date(2026, 3, 2), dt.date(2008, 3, 3)),  # 17, 18 the day after
    (dt.date(2026, 2, 28), dt.date(2008, 2, 29)),  # born on a leap day: 17 on the 28th
    (dt.date(2026, 3, 1), dt.date(2008, 2, 29)),  # 18 on the 1st of March
    (dt.date(2028, 2, 29), dt.date(2010, 2, 28)),  # entered on a leap day: 18
    (dt.date(2026, 12, 31), dt.date(1997, 1, 1)),  # 29
    (dt.date(2026, 1, 1), dt.date(1996, 1, 1)),  # 30 that day
    (dt.date(2026, 1, 1), dt.date(1971, 1, 2)),  # 54
    (dt.date(2026, 1, 1), dt.date(1971, 1, 1)),  # 55 that day
    (dt.date(2026, 6, 30), dt.date(2026, 6, 30)),  # born that day
    (dt.date(2026, 6, 30), None),  # no date of birth
]


def test_the_databases_age_at_entry_is_the_rules_on_every_edge(register, projects):
    for n, (entry, birth) in enumerate(EDGES):
        participant(projects, register, n, birth, entry=entry)

    by_database = dict(Participant.objects.annotate(age=selectors.age_at_entry())
                       .values_list("fiscal_code", "age"))
    ages = [by_database[f"AGEBND{n:05d}F205X"] for n in range(len(EDGES))]

    assert ages == [None if birth is None else rules.age_on(birth, entry)
                    for entry, birth in EDGES]
    assert ages == [18, 17, 17, 18, 18, 29, 30, 54, 55, 0, None]
    assert [rules.age_band(birth, entry) for entry, birth in EDGES] == [
        "18_29", "under_18", "under_18", "18_29", "18_29", "18_29", "", "", "55_and_over",
        "under_18", None]
