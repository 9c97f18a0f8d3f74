"""Support told by the register's signal makes the person a participant of the hub's funded
project once, prefilled from the register; the same support twice counts once."""

import datetime as dt
import logging

import pytest
from django.db import transaction

from casa.participants.models import Participant, SupportEvent

from .helpers import support

pytestmark = pytest.mark.django_db


def test_the_first_support_makes_a_participant_prefilled_from_the_register(projects, register,
                                                                           person):
    member = person(sex="F", birth=dt.date(1990, 4, 2), citizenship="MA")
    support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="test:case:1")
    participant = Participant.objects.get()
    assert participant.project == projects["oltre-san-siro"]
    assert participant.fiscal_code == member.fiscal_code
    assert participant.member == member
    assert participant.hub == register["hubs"]["san-siro"]
    assert participant.entry_date == dt.date(2026, 3, 2)
    assert participant.gender == "woman"
    assert participant.birth_date == dt.date(1990, 4, 2)
    assert participant.third_country_national is True
    assert participant.labour_status == "" and participant.education == ""
    assert participant.disability is None
    assert list(participant.events.values_list("source", flat=True)) == ["test:case:1"]


def test_an_eu_citizen_is_not_a_third_country_national(projects, register, person):
    member = person(citizenship="RO")
    support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2))
    assert Participant.objects.get().third_country_national is False


def test_the_same_support_sent_twice_counts_once(projects, register, person):
    member = person()
    hub = register["hubs"]["san-siro"]
    support(member, hub, dt.date(2026, 3, 2), source="appointments:outcome:7")
    support(member, hub, dt.date(2026, 3, 2), source="appointments:outcome:7")
    assert Participant.objects.count() == 1
    assert SupportEvent.objects.count() == 1


def test_more_support_in_the_project_keeps_one_participant_from_the_earliest_date(
        projects, register, person):
    member = person()
    hub = register["hubs"]["san-siro"]
    support(member, hub, dt.date(2026, 5, 10), source="a:1")
    support(member, hub, dt.date(2026, 3, 2), source="a:2")
    support(member, hub, dt.date(2026, 6, 1), source="a:3")
    participant = Participant.objects.get()
    assert participant.entry_date == dt.date(2026, 3, 2)
    assert participant.events.count() == 3


def test_support_in_another_project_makes_another_participant(projects, register, person):
    member = person()
    support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="a:1")
    support(member, register["hubs"]["lorenteggio"], dt.date(2026, 4, 2), source="a:2")
    assert sorted(Participant.objects.values_list("project__code", flat=True)) == [
        "oltre-lorenteggio", "oltre-san-siro"]


def test_support_at_a_hub_of_no_project_records_nothing_and_warns(projects, register, person,
                                                                   caplog):
    from casa.registry.models import Hub

    elsewhere = Hub.objects.create(code="nowhere", name="Nowhere", address="Via X 1",
                                   municipality="Milano")
    with caplog.at_level(logging.WARNING, logger="casa.participants.services"):
        support(person(), elsewhere, dt.date(2026, 3, 2), source="a:1")
    assert not Participant.objects.exists()
    assert not SupportEvent.objects.exists()
    assert "a:1" in caplog.text and "nowhere" in caplog.text


def test_support_whose_transaction_rolls_back_records_nothing(projects, register, person):
    member = person()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        support(member, register["hubs"]["san-siro"], dt.date(2026, 3, 2))
        assert Participant.objects.exists()
        raise Undone
    assert not Participant.objects.exists()


def test_support_after_the_exit_date_clears_it(projects, register, person, admin):
    from casa.participants.services import participant_complete

    member = person()
    hub = register["hubs"]["san-siro"]
    support(member, hub, dt.date(2026, 3, 2), source="a:1")
    participant = participant_complete(participant=Participant.objects.get(),
                                       acting_user=admin, exit_date=dt.date(2026, 4, 1))
    assert participant.exit_date == dt.date(2026, 4, 1)
    support(member, hub, dt.date(2026, 5, 2), source="a:2")
    participant.refresh_from_db()
    assert participant.exit_date is None
    assert participant.entry_date == dt.date(2026, 3, 2)
