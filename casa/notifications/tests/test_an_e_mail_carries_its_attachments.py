"""A message can carry a text file (an appointment's calendar file): the e-mail attaches it,
the app message does not, and a retry attaches it again."""

import pytest
from django.core import mail

from casa.notifications.models import Channel, Message

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def test_the_e_mail_has_the_attachment_and_the_app_message_has_none(household, invite,
                                                                    immediate_tasks,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app, email = invite(household, attachments=[("appuntamento.ics", "text/calendar", ICS)])

    assert Message.objects.get(pk=app.pk, channel=Channel.APP).attachments == []
    [sent] = mail.outbox
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("appuntamento.ics", "text/calendar")
    assert content == ICS


def test_attachments_are_text(household, invite):
    with pytest.raises(TypeError):
        invite(household, attachments=[("a.ics", "text/calendar", b"bytes")])
