"""Actions past their due day are reminded to the case's owner, once (and again to a new owner
after a handover); done actions, actions still due and closed cases are not."""

import datetime as dt

from casa.casework import services
from casa.core import periodic
from casa.notifications.models import Message


def test_the_owner_is_reminded_once_of_an_overdue_action(case, people):
    manager = people["manager"]
    today = dt.date(2030, 3, 10)
    late = services.action_add(case=case, text="Chiamare il CAF", due_on=dt.date(2030, 3, 9),
                               owner_kind="staff", for_tenant=False, acting_user=manager)
    services.action_add(case=case, text="Oggi", due_on=today, owner_kind="staff",
                        for_tenant=False, acting_user=manager)
    done = services.action_add(case=case, text="Fatta", due_on=dt.date(2030, 3, 1),
                               owner_kind="staff", for_tenant=False, acting_user=manager)
    services.action_complete(action=done, acting_user=manager)

    assert services.remind_overdue(today=today) == 1
    assert services.remind_overdue(today=today) == 0  # safe to run again

    messages = Message.objects.filter(kind="casework.overdue")
    assert {message.user for message in messages} == {manager}
    assert {message.channel for message in messages} == {"app", "email"}
    app = messages.get(channel="app")
    assert case.reference in app.subject
    assert f"/staff/cases/{case.pk}/" in app.link
    assert f"casework:overdue:{late.pk}:{manager.pk}:app" == app.key

    # Handed over: the new owner is told too.
    services.case_hand_over(case=case, to_owner=people["colleague"], reason="Ferie lunghe",
                            acting_user=manager)
    assert services.remind_overdue(today=today) == 1
    assert Message.objects.filter(kind="casework.overdue", user=people["colleague"]).exists()


def test_a_closed_case_is_not_reminded(case, people):
    services.action_add(case=case, text="Chiamare", due_on=dt.date(2030, 3, 1),
                        owner_kind="staff", for_tenant=False, acting_user=people["manager"])
    services.case_close(case=case, outcome="goals_met", acting_user=people["manager"])
    assert services.remind_overdue(today=dt.date(2030, 3, 10)) == 0


def test_the_reminders_run_daily():
    job = periodic.JOBS["casework.remind_overdue"]
    assert job.every == dt.timedelta(days=1)
