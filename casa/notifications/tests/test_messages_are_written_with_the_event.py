"""Messages go to the outbox in the transaction of the event that causes them."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from casa.notifications.models import Channel, Message, Status


class EventFailed(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_message_written_in_a_transaction_that_rolls_back_is_never_sent(
    household, invite, immediate_tasks, mailoutbox
):
    with pytest.raises(EventFailed), transaction.atomic():
        assert len(invite(household)) == 2
        raise EventFailed

    assert Message.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_event_queues_no_task_either(household, invite, database_tasks):
    with pytest.raises(EventFailed), transaction.atomic():
        invite(household)
        raise EventFailed

    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_e_mail_leaves_only_after_the_event_commits(household, invite, immediate_tasks,
                                                        mailoutbox):
    with transaction.atomic():
        invite(household)
        assert mailoutbox == [], "nothing may be sent before the event is committed"

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["h001@example.invalid"]
    assert set(Message.objects.values_list("channel", "status")) == {
        (Channel.APP, Status.SENT), (Channel.EMAIL, Status.SENT)}
