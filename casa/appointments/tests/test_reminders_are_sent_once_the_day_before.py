"""The day-before reminder goes through the outbox once per appointment and start, however
often the job runs; a moved appointment is reminded for its new day; cancelled ones are not."""

import datetime as dt

import pytest
from django.core.management import call_command

from casa.appointments.booking import get_agenda
from casa.appointments.reminders import send_due_reminders
from casa.notifications.models import Channel, Message

from .helpers import MONDAY, at, rome

pytestmark = pytest.mark.usefixtures("frozen")

WEDNESDAY, THURSDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=3)


@pytest.fixture
def booked(hub, tenant, household, manager):
    return get_agenda().book(household=household, hub=hub, topic="isee",
                             starts_at=rome(WEDNESDAY, 11), note="", acting_user=tenant)


def reminders():
    return Message.objects.filter(kind="appointments.reminder")


def test_nothing_is_sent_two_days_before(booked):
    assert send_due_reminders(rome(MONDAY, 18)) == 0
    assert not reminders().exists()


def test_the_day_before_it_is_sent_once_by_app_and_e_mail(booked):
    assert send_due_reminders(rome(MONDAY + dt.timedelta(days=1), 7)) == 1
    assert send_due_reminders(rome(MONDAY + dt.timedelta(days=1), 8)) == 0
    assert send_due_reminders(rome(MONDAY + dt.timedelta(days=1), 23, 59)) == 0
    assert sorted(reminders().values_list("channel", flat=True)) == [Channel.APP, Channel.EMAIL]
    assert "11:00" in reminders().first().subject


def test_a_moved_appointment_is_reminded_for_its_new_day(booked, tenant):
    send_due_reminders(rome(MONDAY + dt.timedelta(days=1), 7))
    with at(rome(MONDAY + dt.timedelta(days=1), 8)):
        get_agenda().move(appointment=booked, starts_at=rome(THURSDAY, 9), acting_user=tenant)
    assert send_due_reminders(rome(WEDNESDAY, 7)) == 1
    assert reminders().filter(channel=Channel.APP).count() == 2


def test_a_cancelled_appointment_is_not_reminded(booked, tenant):
    get_agenda().cancel(appointment=booked, acting_user=tenant)
    assert send_due_reminders(rome(MONDAY + dt.timedelta(days=1), 7)) == 0


def test_the_command_sends_what_is_due(booked, capsys):
    with at(rome(MONDAY + dt.timedelta(days=1), 7)):
        call_command("send_appointment_reminders")
    assert reminders().filter(channel=Channel.APP).count() == 1
    assert "1" in capsys.readouterr().out
