"""SMS goes through the provider named by CASA_SMS_BACKEND, only when asked for."""

import logging

import pytest

from casa.notifications.channels import LocmemSmsProvider
from casa.notifications.models import Channel, Status

LOCMEM = "casa.notifications.channels.LocmemSmsProvider"


@pytest.fixture
def sms_outbox(settings):
    settings.CASA_SMS_BACKEND = LOCMEM
    LocmemSmsProvider.outbox = []
    return LocmemSmsProvider.outbox


def test_an_sms_asked_for_is_sent_by_the_configured_provider(
    household, invite, immediate_tasks, sms_outbox, django_capture_on_commit_callbacks
):
    household.phone = "+39 333 123 4567"
    with django_capture_on_commit_callbacks(execute=True):
        messages = invite(household, channels=[Channel.APP, Channel.SMS])

    assert [message.channel for message in messages] == [Channel.APP, Channel.SMS]
    assert len(sms_outbox) == 1
    assert sms_outbox[0]["to"] == "+39 333 123 4567"
    assert sms_outbox[0]["text"].endswith("http://127.0.0.1:8000/energy/calls/energia-2025-26/")
    messages[1].refresh_from_db()
    assert messages[1].status == Status.SENT


def test_no_sms_unless_asked_for(household, invite, sms_outbox):
    household.phone = "+39 333 123 4567"

    assert Channel.SMS not in [message.channel for message in invite(household)]


def test_no_sms_without_a_phone_number(household, invite, sms_outbox):
    household.phone = ""

    assert [m.channel for m in invite(household, channels=[Channel.SMS])] == []


def test_the_production_default_writes_the_sms_to_the_log(household, invite, immediate_tasks,
                                                           caplog, settings,
                                                           django_capture_on_commit_callbacks):
    settings.CASA_SMS_BACKEND = "casa.notifications.channels.LoggingSmsProvider"
    household.phone = "+39 333 123 4567"
    with caplog.at_level(logging.INFO, logger="casa.notifications.channels"), \
            django_capture_on_commit_callbacks(execute=True):
        invite(household, channels=[Channel.SMS])

    assert "SMS to +39 333 123 4567" in caplog.text


def test_on_a_laptop_the_demos_sms_go_to_a_file_not_the_terminal(
    household, invite, immediate_tasks, settings, tmp_path, capsys,
    django_capture_on_commit_callbacks
):
    settings.CASA_SMS_BACKEND = "casa.notifications.channels.FileSmsProvider"
    settings.CASA_SMS_FILE = tmp_path / "sms.log"
    household.phone = "+39 333 123 4567"
    with django_capture_on_commit_callbacks(execute=True):
        invite(household, channels=[Channel.SMS])

    written = settings.CASA_SMS_FILE.read_text(encoding="utf-8")
    assert "SMS to +39 333 123 4567: " in written
    assert "+39 333 123 4567" not in capsys.readouterr().out
