"""The tenant's home comes from a cache (casa/portal/page_cache.py), and the tenant never sees
it stale: their own bookings, registrations and reads, a notice published for their building
and a membership that ends all show on the very next request; what only time changes shows
when the page expires. Each answer carries its own valid CSRF token, and each member and
each language has its own page."""

import datetime as dt
import gzip
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casa.appointments.booking import get_agenda
from casa.appointments.models import Appointment, Status
from casa.appointments.tests.helpers import MONDAY, at, rome
from casa.events.services import event_create, registration_create
from casa.hubs.tests.helpers import at_desk, open_hub
from casa.notices.services import notice_mark_read, notice_publish
from casa.portal import views
from casa.registry.models import Building, Household, Member
from conftest import FISCAL_CODES

URL = reverse("portal:my_home")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture
def tenant(register, make_user):
    return make_user("tenant", fiscal_code=FISCAL_CODES[0])  # H001, San Siro


@pytest.fixture
def renders(monkeypatch):
    """How many times the home was assembled (the real home_for, counted)."""
    calls = []
    real = views.home_for

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "home_for", counted)
    return calls


def home(client, user=None, language="en", **extra):
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(URL, **extra)
    assert response.status_code == 200
    return response.content.decode()


def staff(make_user):
    return make_user("programme_manager")


def test_the_same_page_again_comes_from_the_cache(client, tenant, renders):
    first = home(client, tenant)
    second = home(client)
    assert len(renders) == 1
    assert ANY_TOKEN.sub("", first) == ANY_TOKEN.sub("", second)


def test_a_query_string_or_an_htmx_request_is_rendered_afresh(client, tenant, renders):
    home(client, tenant)
    client.get(URL + "?from=sms")
    client.get(URL, headers={"HX-Request": "true"})
    assert len(renders) == 3


def test_each_answer_carries_its_own_token_and_it_works(tenant):
    client = Client(enforce_csrf_checks=True)
    first = home(client, tenant)
    second = home(client)
    tokens = TOKEN.findall(first) + TOKEN.findall(second)
    assert tokens and "casa-csrf-token-slot" not in second
    assert TOKEN.findall(first)[0] != TOKEN.findall(second)[0]  # masked afresh each time
    response = client.post(reverse("account_logout"),
                           {"csrfmiddlewaretoken": TOKEN.findall(second)[0]})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_browser_that_takes_gzip_gets_the_page_compressed_with_a_working_token(tenant):
    client = Client(enforce_csrf_checks=True)
    plain = home(client, tenant)
    for _ in range(2):  # rendered, then from the cache
        response = client.get(URL, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        html = gzip.decompress(response.content).decode()
        assert ANY_TOKEN.sub("", html) == ANY_TOKEN.sub("", plain)
    assert len(response.content) < len(plain) / 3
    response = client.post(reverse("account_logout"),
                           {"csrfmiddlewaretoken": TOKEN.findall(html)[0]})
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_a_notice_read_leaves_the_home_at_once(client, register, tenant, make_user):
    notice = notice_publish(title="Stop riscaldamento", body="Domani.", audience="building",
                            building=Building.objects.get(code="B001"),
                            acting_user=staff(make_user))
    assert 'data-unread="1"' in home(client, tenant)
    notice_mark_read(notice=notice, user=tenant, household=register["households"]["H001"])
    assert 'data-unread="1"' not in home(client)


def test_a_notice_published_for_the_building_shows_at_once(client, tenant, make_user):
    home(client, tenant)
    notice_publish(title="Ascensore fermo", body="Lunedì.", audience="building",
                   building=Building.objects.get(code="B001"), acting_user=staff(make_user))
    assert "Ascensore fermo" in home(client)


def test_a_booking_and_a_cancellation_show_at_once_whoever_makes_them(client, register, tenant,
                                                                      make_user):
    hub = open_hub(register["hubs"]["san-siro"])
    manager = at_desk(make_user("community_manager", hubs=[hub]), hub)
    with at(rome(MONDAY, 8)):
        assert "Your next appointment" not in home(client, tenant)
        appointment = get_agenda().book(
            household=register["households"]["H001"], hub=hub, topic="isee",
            starts_at=rome(MONDAY + dt.timedelta(days=2), 10), note="", acting_user=manager)
        assert "Your next appointment: Wednesday 02/12/2026 at 10:00." in home(client)
        # Even a bulk update that no service sees (a script, the admin's actions) counts.
        Appointment.objects.filter(pk=appointment.pk).update(status=Status.CANCELLED,
                                                             cancelled_at=timezone.now())
        assert "Your next appointment" not in home(client)


def test_an_event_registration_shows_at_once(client, register, tenant, make_user):
    hub = register["hubs"]["san-siro"]
    start = timezone.now() + dt.timedelta(days=2)
    event = event_create(hub=hub, title="Laboratorio di cucito", starts_at=start,
                         ends_at=start + dt.timedelta(hours=2), place="Sala", capacity=10,
                         acting_user=make_user("community_manager", hubs=[hub]))
    assert "You are registered" not in home(client, tenant)
    registration_create(event=event, household=register["households"]["H001"], people=1,
                        acting_user=tenant)
    assert "You are registered" in home(client)


def test_a_new_report_and_a_status_change_by_staff_show_at_once(client, register, tenant,
                                                                make_user):
    from casa.reports.models import Category
    from casa.reports.services import report_change_status, report_create

    assert "No problem reported is open." in home(client, tenant)
    report = report_create(category=Category.objects.get(code="lift"), place="entrance",
                           description="Fermo al piano terra.", acting_user=tenant)
    page = home(client)
    assert f'data-report="{report.pk}"' in page and 'data-status="new"' in page
    report_change_status(report=report, status="maintenance",
                         acting_user=make_user("community_manager",
                                               hubs=[register["hubs"]["san-siro"]]))
    page = home(client)
    assert 'data-status="maintenance"' in page and "Sent to the maintenance team" in page


def test_a_member_whose_membership_ends_loses_the_home_at_once(client, register, tenant):
    household = register["households"]["H001"]
    home(client, tenant)
    assert household.code in home(client)  # from the cache
    Member.objects.filter(fiscal_code=tenant.fiscal_code).update(ended_on=timezone.localdate())
    assert household.code not in home(client)


def test_a_page_rendered_while_the_membership_changed_is_not_kept(client, tenant, renders,
                                                                  monkeypatch):
    from casa.portal import page_cache

    real = page_cache.register.tenant_household_id
    answers = iter([real(tenant), None])  # found before the rendering, gone right after it
    monkeypatch.setattr(page_cache.register, "tenant_household_id",
                        lambda user: next(answers, None) if user == tenant else real(user))
    home(client, tenant)
    monkeypatch.setattr(page_cache.register, "tenant_household_id", real)
    home(client)
    assert len(renders) == 2


def test_a_tenancy_that_ends_takes_the_home_away_at_once(client, register, tenant):
    household = register["households"]["H001"]
    assert household.code in home(client, tenant)
    Household.objects.filter(pk=household.pk).update(tenancy_end=timezone.localdate())
    assert household.code not in home(client)


def test_each_member_has_their_own_page(register, tenant, make_user):
    household = register["households"]["H001"]
    Member.objects.create(household=household, fiscal_code=FISCAL_CODES[3], first_name="Lucia",
                          last_name="Rossi", birth_date=dt.date(1982, 5, 10), sex="F",
                          relation="spouse", citizenship="IT")
    spouse = make_user("tenant", fiscal_code=FISCAL_CODES[3])
    notice = notice_publish(title="Assemblea", body="Giovedì.", audience="everyone",
                            acting_user=make_user("programme_manager"))
    assert 'data-unread="1"' in home(Client(), spouse)
    notice_mark_read(notice=notice, user=tenant, household=household)
    assert 'data-unread="1"' not in home(Client(), tenant)
    assert 'data-unread="1"' in home(Client(), spouse)  # she has not read it


def test_each_language_has_its_own_page(client, tenant):
    assert '<html lang="en" dir="ltr">' in home(client, tenant, language="en")
    assert '<html lang="it" dir="ltr">' in home(client, language="it")


def test_what_only_time_changes_shows_when_the_page_expires(client, tenant, make_user,
                                                            settings):
    settings.CASA_HOME_CACHE_SECONDS = 60
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        notice_publish(title="Assemblea di caseggiato", body="Giovedì.", audience="everyone",
                       published_from=now + dt.timedelta(seconds=30),
                       acting_user=staff(make_user))
        assert "Assemblea di caseggiato" not in home(client, tenant)
    with time_machine.travel(now + dt.timedelta(seconds=45), tick=False):
        assert "Assemblea di caseggiato" not in home(client)  # published, but the page lives on
    with time_machine.travel(now + dt.timedelta(seconds=61), tick=False):
        assert "Assemblea di caseggiato" in home(client)


def test_a_message_to_show_is_not_lost_to_the_cache(client, tenant, renders):
    """allauth's "signed in" message waits for the first page after logging in: the home,
    rendered for it, not a cached copy."""
    home(client, tenant)
    client.logout()
    client.post(reverse("account_login"), {"login": tenant.email, "password": "test-pass-123"})
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    assert len(renders) == 2
    assert "casa-messages" in html
    assert "casa-messages" not in home(client)
