""""My home" gathers on one screen what each domain has for the household: unread notices,
the next events at its hub (with its registrations), its applications apart from the calls it
can still apply for, and the useful numbers one tap away."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import create_demo_call
from casa.energy.tests.backoffice import give
from casa.events.services import event_create, registration_create
from casa.notices.services import notice_mark_read, notice_publish
from casa.portal.home import home_for
from casa.registry.models import Building
from conftest import FISCAL_CODES

URL = reverse("portal:my_home")


@pytest.fixture
def tenant(register, make_user):
    return make_user("tenant", fiscal_code=FISCAL_CODES[0])  # H001, San Siro


def page(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get(URL).content.decode()


def test_unread_notices_stand_out_and_read_ones_leave_the_home(client, register, tenant,
                                                             make_user):
    staff = make_user("programme_manager")
    read = notice_publish(title="Assemblea di caseggiato", body="Giovedì.", audience="everyone",
                          acting_user=staff)
    unread = notice_publish(title="Stop riscaldamento", body="Domani.", audience="building",
                            building=Building.objects.get(code="B001"), acting_user=staff)
    elsewhere = notice_publish(title="Lavori a Rozzano", body="x", audience="building",
                               building=Building.objects.get(code="B003"), acting_user=staff)
    notice_mark_read(notice=read, user=tenant, household=register["households"]["H001"])
    html = page(client, tenant)
    assert 'data-unread="1"' in html
    assert reverse("notices:my_notice", args=[unread.pk]) in html
    assert reverse("notices:my_notice", args=[read.pk]) not in html
    assert elsewhere.title not in html


def test_the_next_events_at_the_hub_show_the_households_registration(client, register,
                                                                    tenant, make_user):
    organiser = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)

    def event(title, hub="san-siro", days=0):
        return event_create(hub=register["hubs"][hub], title=title,
                            starts_at=start + dt.timedelta(days=days),
                            ends_at=start + dt.timedelta(days=days, hours=2), place="Sala",
                            capacity=10, acting_user=make_user("admin") if hub != "san-siro"
                            else organiser)

    workshop = event("Laboratorio di cucito")
    event("Corso risparmio energetico", days=1)
    other = event("Festa a Lorenteggio", hub="lorenteggio")
    registration_create(event=workshop, household=register["households"]["H001"], people=1,
                        acting_user=tenant)
    html = page(client, tenant)
    assert reverse("events:my_event", args=[workshop.pk]) in html
    assert "Corso risparmio energetico" in html
    assert other.title not in html
    assert html.count("You are registered") == 1


def test_applications_and_open_calls_are_apart(register, tenant):
    household = register["households"]["H001"]
    call = create_demo_call(today=timezone.localdate())
    give(household, isee="12000.00", charge="1500.00", on=timezone.localdate())
    home = home_for(household, tenant=tenant)
    assert [line.call for line in home.calls] == [call]
    assert home.applications == []
    application_submit(call=call, household=household, channel="online",
                       declarations=DECLARATION_CODES, acting_user=tenant)
    home = home_for(household, tenant=tenant)
    assert home.calls == []
    assert [line.call for line in home.applications] == [call]


@override_settings(CASA_PHONE_HEATING_FAULTS="800 123 456", CASA_PHONE_ALER_EMERGENCY="")
def test_the_useful_numbers_are_one_tap_away_and_112_always_is(client, tenant):
    html = page(client, tenant)
    assert 'href="tel:800123456"' in html
    assert 'href="tel:112"' in html
    assert 'data-number="aler"' not in html  # not set: never a made-up number


@override_settings(CASA_PHONE_HEATING_FAULTS="", CASA_PHONE_ALER_EMERGENCY="800 123 456")
def test_a_deploy_check_warns_while_a_useful_number_is_not_set():
    from django.core.checks import run_checks

    warnings = [message for message in run_checks(include_deployment_checks=True)
                if message.id == "casa.W001"]
    assert len(warnings) == 1
    assert "CASA_PHONE_HEATING_FAULTS" in warnings[0].msg


def test_what_cannot_wait_comes_first(client, register, tenant, make_user):
    """An application waiting for the tenant's answer and an urgent notice open the home; with
    neither, there is no such block."""
    import re

    from casa.energy.decisions import application_request_information

    assert 'id="home-first"' not in page(client, tenant)
    household = register["households"]["H001"]
    call = create_demo_call(today=timezone.localdate())
    give(household, isee="12000.00", charge="1500.00", on=timezone.localdate())
    application = application_submit(call=call, household=household, channel="online",
                                     declarations=DECLARATION_CODES, acting_user=tenant)
    application_request_information(application=application, message="L'ISEE, per favore.",
                                    acting_user=make_user("benefit_officer"))
    urgent = notice_publish(title="Senza acqua domani", body="Lavori.", audience="everyone",
                            urgent=True, acting_user=make_user("programme_manager"))
    for title in ("Assemblea", "Corso", "Festa"):  # newer: the urgent one is not among the 3 shown
        notice_publish(title=title, body="x", audience="everyone",
                       acting_user=make_user("programme_manager"))
    html = page(client, tenant)
    first = re.search(r'<section[^>]*id="home-first".*?</section>', html, re.S).group()
    assert reverse("energy:my_application", args=[call.code]) in first
    assert reverse("notices:my_notice", args=[urgent.pk]) in first
    assert "Assemblea" not in first
