"""A year after a message was sent, its text, link, context, attachments and the address it
went to are removed (casa/notifications/retention.py); the message stays in the tenant's inbox
with its kind, channel, subject and dates. A message not sent is untouched."""

import datetime as dt

from casa.core import retention
from casa.notifications.models import Message, Status
from casa.notifications.tasks import deliver_message


def apply(now):
    return retention.apply(retention.POLICIES["notifications.message"], now=now).done


def test_a_sent_message_keeps_its_facts_and_loses_its_text(household, invite):
    pending, email = invite(household)
    deliver_message.call(email.pk)  # as the worker does
    assert Message.objects.get(pk=email.pk).status == Status.SENT
    assert Message.objects.get(pk=pending.pk).status == Status.PENDING
    sent_at = Message.objects.get(pk=email.pk).sent_at

    assert apply(sent_at.replace(year=sent_at.year + 1)) == 0
    assert apply(sent_at.replace(year=sent_at.year + 1) + dt.timedelta(seconds=1)) == 1

    email = Message.objects.get(pk=email.pk)
    assert (email.body, email.link, email.context, email.address) == ("", "", {}, "")
    assert (email.kind, email.subject, email.household) == (
        "energy.invitation", Message.objects.get(pk=pending.pk).subject, household)
    assert Message.objects.get(pk=pending.pk).body != ""
    assert apply(sent_at.replace(year=sent_at.year + 3)) == 0
