"""The idempotency key: the same event never writes the same message twice."""

from casa.notifications.models import Message


def test_inviting_a_household_twice_for_the_same_call_writes_its_messages_once(household,
                                                                               invite):
    key = f"energy.invitation:energia-2025-26:{household.code}"
    first = invite(household, key=key)
    second = invite(household, key=key)

    assert len(first) == 2
    assert second == []
    assert sorted(Message.objects.values_list("key", flat=True)) == [f"{key}:app",
                                                                    f"{key}:email"]


def test_a_new_channel_for_the_same_event_is_still_written(household, invite):
    key = f"energy.invitation:energia-2025-26:{household.code}"
    invite(household, key=key, channels=["app"])
    later = invite(household, key=key)

    assert [message.channel for message in later] == ["email"]


def test_messages_without_a_key_are_written_every_time(household, invite):
    invite(household)
    invite(household)

    assert Message.objects.count() == 4
