"""The Community Manager's day (issue 11): each section lists what waits for them in their own
hubs, read through each domain's scope; another hub's items never appear; what they may not see
(energy data for a social coordinator) is not shown; empty sections say so; the page reads a
fixed number of queries whatever the number of items, and is audited once."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.portal import day
from casa.registry.models import Household

from .day_world import fill_day, new_household

pytestmark = pytest.mark.django_db

URL = reverse("portal:staff_day")


@pytest.fixture
def staff(register, make_user):
    hubs = register["hubs"]
    return {
        "manager": make_user("community_manager", hubs=[hubs["san-siro"]],
                             email="cm@example.invalid"),
        "colleague": make_user("community_manager", hubs=[hubs["san-siro"]],
                               email="cm2@example.invalid"),
        "other_manager": make_user("community_manager", hubs=[hubs["lorenteggio"]],
                                   email="cm-lor@example.invalid"),
        "coordinator": make_user("social_coordinator", hubs=[hubs["san-siro"]],
                                 email="coord@example.invalid"),
        "carer": make_user("care_staff", hubs=[hubs["san-siro"]], email="care@example.invalid"),
        "other_carer": make_user("care_staff", hubs=[hubs["lorenteggio"]],
                                 email="care-lor@example.invalid"),
        "officer": make_user("benefit_officer", email="officer@example.invalid"),
    }


@pytest.fixture
def both_hubs(register, staff):
    """One of everything for H001 (San Siro) and H002 (Lorenteggio), by each hub's staff."""
    households = register["households"]
    return {
        "H001": fill_day(households["H001"], manager=staff["manager"], carer=staff["carer"],
                         officer=staff["officer"]),
        "H002": fill_day(households["H002"], manager=staff["other_manager"],
                         carer=staff["other_carer"], officer=staff["officer"]),
    }


def sections_of(user, **options):
    return {section.key: section for section in day.day_sections(user, **options)}


def test_each_section_lists_the_managers_own_items(staff, both_hubs):
    made = both_hubs["H001"]

    sections = sections_of(staff["manager"])

    assert list(sections) == ["appointments", "cases", "reports", "flags", "callbacks",
                              "energy", "arrears"]
    expected_urls = {
        "appointments": reverse("appointments:staff_appointment", args=[made["walk_in"].pk]),
        "cases": reverse("casework_staff:detail", args=[made["case"].pk]),
        "reports": reverse("reports_staff:detail", args=[made["report"].pk]),
        "flags": reverse("care:resident_detail", args=[made["resident"].pk]),
        "callbacks": reverse("appointments:staff_callback", args=[made["callback"].pk]),
        "energy": reverse("energy:review_application", args=[made["application"].protocol]),
        "arrears": reverse("casework_staff:detail", args=[made["case"].pk]),
    }
    for key, url in expected_urls.items():
        section = sections[key]
        assert section.count == 1, key
        assert [item.url for item in section.items] == [url], key
    assert "Chiamare per l'ISEE H001" in sections["cases"].items[0].detail
    assert sections["cases"].items[0].badge_kind == "danger"  # overdue


def test_another_hubs_items_never_appear(staff, both_hubs):
    theirs = both_hubs["H002"]
    other_urls = {
        reverse("appointments:staff_appointment", args=[theirs["walk_in"].pk]),
        reverse("casework_staff:detail", args=[theirs["case"].pk]),
        reverse("reports_staff:detail", args=[theirs["report"].pk]),
        reverse("care:resident_detail", args=[theirs["resident"].pk]),
        reverse("appointments:staff_callback", args=[theirs["callback"].pk]),
        reverse("energy:review_application", args=[theirs["application"].protocol]),
    }
    for who in ("manager", "coordinator"):
        sections = day.day_sections(staff[who], hub_cases=True)
        shown = {item.url for section in sections for item in section.items}
        assert not shown & other_urls, who
        assert "H002" not in day.households_shown(sections), who


def test_a_community_manager_sees_only_their_own_cases_and_counts_the_hubs(staff, both_hubs,
                                                                           register):
    colleague_case = fill_day(new_household(register["households"]["H001"].unit.building, 1),
                              manager=staff["colleague"], carer=staff["carer"],
                              officer=staff["officer"])["case"]
    colleague_url = reverse("casework_staff:detail", args=[colleague_case.pk])

    mine = sections_of(staff["manager"])["cases"]
    hub = sections_of(staff["manager"], hub_cases=True)["cases"]

    assert mine.count == 1 and colleague_url not in {item.url for item in mine.items}
    assert "2" in mine.note  # the hub's count beside the user's own
    assert hub.count == 2 and colleague_url in {item.url for item in hub.items}


def test_a_social_coordinator_sees_the_hubs_cases_and_no_energy_data(staff, both_hubs):
    sections = sections_of(staff["coordinator"])

    # Casework only: no agenda, no reports, no care flags, and no energy data at all, though
    # the register's scope covers the hub's households.
    assert list(sections) == ["cases", "arrears"]
    assert sections["cases"].count == 1
    assert "Energy contribution" not in sections["arrears"].items[0].detail
    assert "Contributo" not in sections["arrears"].items[0].detail


def test_the_arrears_card_shows_when_the_register_records_the_signed_plan(staff, both_hubs):
    card = sections_of(staff["manager"])["arrears"]
    item = card.items[0]
    assert item.badge_kind == "warning"
    assert both_hubs["H001"]["application"].protocol in item.detail
    assert "arretrati" in item.detail  # the energy rule still counts the arrears

    Household.objects.filter(code="H001").update(repayment_plan=True)  # the register's import

    item = sections_of(staff["manager"])["arrears"].items[0]
    assert item.badge_kind == "success"


def test_empty_sections_say_so(client, staff, register):
    client.force_login(staff["manager"])

    html = client.get(URL).content.decode()

    for text in ("Nessun appuntamento oggi.", "Nessuna segnalazione ti aspetta.",
                 "Nessun nucleo è segnalato."):
        assert text in html


def test_the_page_shows_the_sections_and_is_audited_once(client, staff, both_hubs):
    client.force_login(staff["manager"])

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    for key in ("appointments", "cases", "reports", "flags", "energy", "arrears"):
        assert f'id="day-{key}"' in html
    assert both_hubs["H001"]["application"].protocol in html
    assert both_hubs["H002"]["application"].protocol not in html
    events = AuditEvent.objects.filter(target_type="portal.staff_day")
    assert events.count() == 1
    event = events.get()
    assert event.action == "view" and event.actor == staff["manager"]
    assert event.changes == {"households": ["H001"]}


def test_a_community_manager_lands_on_their_day(client, staff):
    client.force_login(staff["manager"])

    response = client.get(reverse("portal:home"))

    assert response.status_code == 302 and response["Location"] == URL
    html = client.get(URL).content.decode()
    assert f'href="{URL}"' in html  # in the navigation


def test_care_staff_land_on_their_rounds(client, staff):
    client.force_login(staff["carer"])

    response = client.get(reverse("portal:home"))

    assert response.status_code == 302 and response["Location"] == reverse("care:rounds")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_items(client, staff, both_hubs, register):
    client.force_login(staff["manager"])
    client.get(URL)  # the session, the language: what a first request reads once
    few = count_queries(client, URL)
    building = register["households"]["H001"].unit.building
    for number in range(2, 6):
        fill_day(new_household(building, number), manager=staff["manager"],
                 carer=staff["carer"], officer=staff["officer"])

    many = count_queries(client, URL)

    assert sections_of(staff["manager"])["reports"].count == 5
    assert sections_of(staff["manager"])["callbacks"].count == 5
    assert many == few


def test_tenants_to_call_back_come_oldest_first_with_their_wait_and_tries(staff, both_hubs,
                                                                           register):
    from casa.appointments import services as appointments
    from casa.appointments.models import CallbackRequest

    recent = both_hubs["H001"]["callback"]
    older = fill_day(new_household(register["households"]["H001"].unit.building, 1),
                     manager=staff["manager"], carer=staff["carer"],
                     officer=staff["officer"])["callback"]
    asked = recent.created_at - dt.timedelta(days=day.CALLBACK_LATE_DAYS)
    CallbackRequest.objects.filter(pk=older.pk).update(created_at=asked)
    appointments.callback_no_answer(callback=older, acting_user=staff["manager"])
    done = appointments.callback_done(callback=recent, outcome="Spiegata la bolletta.",
                                      acting_user=staff["manager"])

    now = asked + dt.timedelta(days=day.CALLBACK_LATE_DAYS, hours=1)
    section = sections_of(staff["manager"], now=now)["callbacks"]

    # The one called back is gone; the one asked two days ago waits, in red, with its try.
    assert done.status == "done"
    assert section.count == 1
    item = section.items[0]
    assert item.url == reverse("appointments:staff_callback", args=[older.pk])
    assert item.badge_kind == "danger" and str(day.CALLBACK_LATE_DAYS) in item.badge
    assert "0212345678" in item.detail and item.detail.count("1") >= 1


def test_a_call_back_asked_today_is_not_yet_late(staff, both_hubs):
    section = sections_of(staff["manager"])["callbacks"]

    assert section.count == 1
    assert section.items[0].badge_kind == "secondary"
