"""i11page: the caseload and a case file's contacts are paged, so that a hub with a thousand open
cases, or a case open for two years, stays fast: the filters kept in the page links, the scope
on every page, a page that does not exist answered with a message, and as many queries
whatever the number of cases."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casa.casework import selectors, services
from casa.core.models import AuditEvent


def open_cases(register, people, dues):
    """A case of H001 (San Siro) per due day of `dues` (None: no action), owned by
    `manager`, and one of H002 (Lorenteggio), its hub's."""
    cases = []
    for due in dues:
        case = services.case_open(household=register["households"]["H001"],
                                  reason="arrears", acting_user=people["manager"])
        if due is not None:
            services.action_add(case=case, text="Telefonare", due_on=due,
                                owner_kind="staff", for_tenant=False,
                                acting_user=people["manager"])
        cases.append(case)
    other = services.case_open(household=register["households"]["H002"], reason="arrears",
                               acting_user=people["other_hub"])
    return cases, other


def listed(response):
    return [case.pk for case in response.context["cases"]]


@pytest.fixture(autouse=True)
def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def dues():
    today = timezone.localdate()
    # Overdue, none, upcoming, the most overdue: listed 3, 0, 2, 1.
    return [today - dt.timedelta(days=2), None, today + dt.timedelta(days=5),
            today - dt.timedelta(days=9)]


def test_page_two_shows_the_rest_in_due_order_with_the_filter_kept(
        client, register, people, dues, monkeypatch):
    monkeypatch.setattr(selectors, "CASELOAD_PAGE_SIZE", 2)
    cases, other = open_cases(register, people, dues)
    client.force_login(people["manager"])

    first = client.get(reverse("casework_staff:caseload"), {"all": "1"})
    second = client.get(reverse("casework_staff:caseload"), {"all": "1", "page": "2"})

    assert listed(first) == [cases[3].pk, cases[0].pk]
    assert listed(second) == [cases[2].pk, cases[1].pk]
    page = first.content.decode()
    assert 'href="?all=1&amp;page=2"' in page  # the filter kept in the link
    assert 'aria-label="Result pages"' in page
    assert "Page 1 of 2" in page
    assert "4 open case files." in page
    assert other.pk not in listed(first) + listed(second)


def test_another_hubs_cases_never_appear_on_any_page(
        client, register, people, dues, monkeypatch):
    monkeypatch.setattr(selectors, "CASELOAD_PAGE_SIZE", 1)
    cases, other = open_cases(register, people, dues[:2])
    client.force_login(people["coordinator"])  # San Siro's: every open case of the hub

    seen = [pk for number in (1, 2, 3) for pk in listed(
        client.get(reverse("casework_staff:caseload"), {"page": str(number)}))]

    assert seen == [cases[0].pk, cases[1].pk, cases[1].pk]  # page 3: the last
    assert other.pk not in seen


@pytest.mark.parametrize(("asked", "english", "italian"), [
    ("9", "There is no page “9”: showing page 2 of 2.",
     "La pagina “9” non esiste: è mostrata la pagina 2 di 2."),
    ("abc", "There is no page “abc”: showing page 1 of 2.",
     "La pagina “abc” non esiste: è mostrata la pagina 1 di 2."),
])
def test_a_page_that_does_not_exist_is_answered_with_a_message(
        client, register, people, dues, monkeypatch, asked, english, italian):
    monkeypatch.setattr(selectors, "CASELOAD_PAGE_SIZE", 2)
    open_cases(register, people, dues)
    client.force_login(people["manager"])

    response = client.get(reverse("casework_staff:caseload"), {"page": asked})

    assert response.status_code == 200
    assert english in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    response = client.get(reverse("casework_staff:caseload"), {"page": asked})
    assert italian in response.content.decode()


def test_the_caseload_reads_as_many_queries_whatever_the_cases(
        client, register, people, django_assert_max_num_queries):
    today = timezone.localdate()
    open_cases(register, people, [today + dt.timedelta(days=n) for n in range(12)])
    client.force_login(people["manager"])
    client.get(reverse("casework_staff:caseload"))  # the session read once

    with django_assert_max_num_queries(8):
        assert len(listed(client.get(reverse("casework_staff:caseload")))) == 12
    with django_assert_max_num_queries(8):
        assert client.get(reverse("api:case_list")).json()["count"] == 12


def test_the_api_pages_the_caseload(client, register, people, dues, monkeypatch):
    monkeypatch.setattr(selectors, "CASELOAD_PAGE_SIZE", 3)
    cases, other = open_cases(register, people, dues)
    client.force_login(people["coordinator"])

    first = client.get(reverse("api:case_list")).json()
    second = client.get(reverse("api:case_list"), {"page": 2}).json()

    assert (first["count"], first["page"], first["pages"]) == (4, 1, 2)
    assert [line["id"] for line in first["results"] + second["results"]] == [
        cases[3].pk, cases[0].pk, cases[2].pk, cases[1].pk]
    assert [line["overdue"] for line in first["results"]] == [True, True, False]
    assert client.get(reverse("api:case_list"), {"page": "x"}).status_code == 422


def test_a_case_file_shows_its_latest_contacts_and_pages_the_older(
        client, register, people, case, monkeypatch):
    monkeypatch.setattr(selectors, "CONTACTS_PAGE_SIZE", 3)
    start = timezone.now() - dt.timedelta(days=30)
    contacts = [services.contact_log(case=case, kind="phone", at=start + dt.timedelta(days=n),
                                     notes=f"Colloquio {n}", acting_user=people["manager"])
                for n in range(5)]
    client.force_login(people["manager"])

    page = client.get(reverse("casework_staff:detail", args=[case.pk]))
    older = client.get(reverse("casework_staff:contacts", args=[case.pk]), {"page": "2"})

    assert [c.pk for c in page.context["contacts"]] == [c.pk for c in contacts[:1:-1]]
    body = page.content.decode()
    assert f'href="{reverse("casework_staff:contacts", args=[case.pk])}?page=2"' in body
    assert "Show older contacts" in body
    assert [c.pk for c in older.context["contacts"]] == [contacts[1].pk, contacts[0].pk]
    assert "Page 2 of 2" in older.content.decode()
    # Reading the contacts is reading the case file: in the trail.
    assert AuditEvent.objects.filter(target_id=case.reference, action="view",
                                     note="contacts").count() == 1
    # Another hub's Community Manager: not found, nothing recorded.
    client.force_login(people["other_hub"])
    assert client.get(reverse("casework_staff:contacts", args=[case.pk])).status_code == 404
    assert AuditEvent.objects.filter(target_id=case.reference, action="view",
                                     actor=people["other_hub"]).count() == 0


def test_a_short_case_file_has_no_older_contacts_link(client, people, case):
    services.contact_log(case=case, kind="phone", at=timezone.now(), notes="Colloquio",
                         acting_user=people["manager"])
    client.force_login(people["manager"])

    body = client.get(reverse("casework_staff:detail", args=[case.pk])).content.decode()

    assert "Colloquio" in body
    assert "Show older contacts" not in body
