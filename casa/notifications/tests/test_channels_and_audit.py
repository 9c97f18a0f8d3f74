"""Which channels a message takes, and the audit trail of what was written."""

from casa.core.models import AuditEvent
from casa.notifications.models import Channel, Status


def test_a_household_with_an_e_mail_address_gets_the_app_and_an_e_mail(household, invite):
    messages = invite(household)

    assert [(m.channel, m.address) for m in messages] == [
        (Channel.APP, ""), (Channel.EMAIL, "h001@example.invalid")]
    assert all(m.status == Status.PENDING for m in messages)
    assert all(m.link == "http://127.0.0.1:8000/energy/calls/energia-2025-26/"
               for m in messages)


def test_a_household_without_an_e_mail_address_gets_the_app_only(household, invite):
    household.email = ""

    assert [m.channel for m in invite(household)] == [Channel.APP]


def test_the_context_is_kept_with_the_message(household, invite):
    [app, _] = invite(household)
    app.refresh_from_db()

    assert app.context == {"call_title": "Energia 2025-26", "amount_eur": "1234.50",
                           "closes_at": "2025-12-23"}


def test_each_message_written_is_in_the_household_audit_trail(household, invite, make_user):
    messages = invite(household, key="energy.invitation:energia-2025-26:H001")

    events = AuditEvent.objects.filter(subject="household:H001",
                                       target_type="notifications.message")
    assert sorted(e.target_id for e in events) == sorted(str(m.pk) for m in messages)
    assert {e.changes["channel"] for e in events} == {"app", "email"}
    assert all(e.actor_label.startswith("benefit_officer") for e in events)
