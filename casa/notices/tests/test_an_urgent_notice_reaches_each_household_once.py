"""An urgent notice also goes through the outbox to each household it concerns: in the app
and by e-mail, or by SMS when the household has no e-mail address. One message per household
and channel, even if the staff member clicks twice (the form sent twice, or the send button);
households outside the audience get nothing. A notice scheduled for later is sent when its
window opens."""

import datetime as dt
import uuid

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casa.notices.models import Notice
from casa.notices.services import notice_publish, notice_send_urgent
from casa.notifications.models import Message
from casa.registry.models import Building, Household, Unit


def neighbours():
    """Two more households in building B001 (with H001): one with only a phone number, one
    with neither e-mail nor phone."""
    b001 = Building.objects.get(code="B001")
    for code, phone in (("H011", "+39 333 1234567"), ("H012", "")):
        unit = Unit.objects.create(code=f"U-{code}", building=b001, entrance="A", floor="3",
                                   door=code[-1])
        Household.objects.create(code=code, unit=unit, rent_band="protezione",
                                 tenancy_start=dt.date(2018, 1, 1), phone=phone, email="")
    return b001


def sent():
    return sorted((m.household.code, m.channel, m.address) for m in Message.objects.all())


EXPECTED = [("H001", "app", ""), ("H001", "email", "h001@example.invalid"),
            ("H011", "app", ""), ("H011", "sms", "+39 333 1234567"),
            ("H012", "app", "")]


def test_publishing_twice_with_the_same_form_sends_one_message_per_household(
    client, register, manager
):
    b001 = neighbours()
    data = {"title": "Niente riscaldamento", "body": "Guasto alla caldaia: tecnici al lavoro.",
            "audience": "building", "building": b001.pk, "urgent": "on",
            "submission_key": str(uuid.uuid4())}
    client.force_login(manager)

    first = client.post(reverse("notices:new"), data)
    second = client.post(reverse("notices:new"), data)  # the same form, clicked again

    notice = Notice.objects.get()
    assert first["Location"] == second["Location"] == reverse("notices:detail",
                                                              args=[notice.pk])
    assert notice.urgent_sent_at is not None
    assert sent() == EXPECTED
    app = Message.objects.get(household__code="H001", channel="app")
    assert app.subject == "Avviso urgente: Niente riscaldamento"
    assert "Guasto alla caldaia" in app.body
    assert app.link.endswith(reverse("notices:my_notice", args=[notice.pk]))


def test_the_send_button_clicked_twice_sends_nothing_more(client, register, manager):
    b001 = neighbours()
    notice = notice_publish(title="Acqua sospesa", body="Dalle 8 alle 12.", audience="building",
                            building=b001, urgent=True, acting_user=manager)
    client.force_login(manager)

    for _ in range(2):
        response = client.post(reverse("notices:send", args=[notice.pk]), follow=True)

    assert sent() == EXPECTED
    assert "non è stato inviato di nuovo" in response.content.decode()
    assert notice_send_urgent(notice=notice, acting_user=manager) == 0


def test_households_outside_the_audience_get_nothing(register, programme_manager):
    notice_publish(title="Assemblea", body="Giovedì alle 18.", audience="hub",
                   hub=register["hubs"]["lorenteggio"], urgent=True,
                   acting_user=programme_manager)

    assert sent() == [("H002", "app", ""), ("H002", "email", "h002@example.invalid")]


def test_a_notice_that_is_not_urgent_sends_nothing(register, programme_manager):
    notice_publish(title="Pulizia scale", body="Lunedì.", audience="everyone",
                   acting_user=programme_manager)

    assert sent() == []


def test_a_scheduled_urgent_notice_is_sent_when_its_window_opens(register, programme_manager):
    b001 = neighbours()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    notice = notice_publish(title="Gas chiuso domani", body="Dalle 9.", audience="entrance",
                            building=b001, entrance="A", urgent=True,
                            published_from=tomorrow, acting_user=programme_manager)
    call_command("send_urgent_notices")
    assert sent() == []

    # A day later: the window is open.
    Notice.objects.filter(pk=notice.pk).update(published_from=timezone.now())
    call_command("send_urgent_notices")
    call_command("send_urgent_notices")

    assert sent() == EXPECTED


def test_an_urgent_notice_to_many_households_is_sent_by_a_background_task(
        register, programme_manager, monkeypatch, settings, django_capture_on_commit_callbacks):
    """Above INLINE_URGENT_LIMIT households the request writes no message: a task does, after
    the notice is committed, once even if it runs twice."""
    from casa.notices import services
    from casa.notices.services import send_urgent_notice

    neighbours()
    monkeypatch.setattr(services, "INLINE_URGENT_LIMIT", 2)  # B001 has three households
    settings.TASKS = {"default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice = notice_publish(title="Senza acqua", body="Lavori.", audience="building",
                                building=Building.objects.get(code="B001"), urgent=True,
                                acting_user=programme_manager)
    assert Message.objects.count() == 0  # nothing written inside the request
    assert len(callbacks) == 1
    callbacks[0]()  # the commit enqueues the task, which the immediate backend runs
    assert sent() == EXPECTED
    notice.refresh_from_db()
    assert notice.urgent_sent_at is not None
    assert send_urgent_notice.call(notice.pk, programme_manager.pk) == 0  # a second run
    assert sent() == EXPECTED


def test_the_task_does_not_send_a_notice_withdrawn_meanwhile(register, programme_manager,
                                                            monkeypatch):
    from casa.notices import services
    from casa.notices.services import notice_withdraw, send_urgent_notice

    monkeypatch.setattr(services, "INLINE_URGENT_LIMIT", 0)
    notice = notice_publish(title="Senza acqua", body="Lavori.", audience="everyone",
                            urgent=True, acting_user=programme_manager)
    notice_withdraw(notice=notice, acting_user=programme_manager)
    assert send_urgent_notice.call(notice.pk) == 0
    assert Message.objects.count() == 0


def test_up_to_the_limit_the_request_sends_it_itself(register, programme_manager, monkeypatch):
    from casa.notices import services

    neighbours()
    monkeypatch.setattr(services, "INLINE_URGENT_LIMIT", 3)  # B001 has three households
    notice_publish(title="Senza acqua", body="Lavori.", audience="building",
                   building=Building.objects.get(code="B001"), urgent=True,
                   acting_user=programme_manager)
    assert sent() == EXPECTED


def test_the_send_button_also_leaves_many_households_to_the_task(
        client, register, manager, monkeypatch, django_capture_on_commit_callbacks):
    """The send button goes through the same choice as publishing: above the limit the request
    writes nothing and the task is queued once the click is committed."""
    from casa.notices import services

    neighbours()
    later = timezone.now() + dt.timedelta(hours=1)
    notice = notice_publish(title="Senza acqua", body="Lavori.", audience="building",
                            building=Building.objects.get(code="B001"), urgent=True,
                            published_from=later, acting_user=manager)
    monkeypatch.setattr(services, "INLINE_URGENT_LIMIT", 2)
    Notice.objects.filter(pk=notice.pk).update(published_from=timezone.now())
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("notices:send", args=[notice.pk]), follow=True)
    assert "being sent to the households" in response.content.decode()
    assert Message.objects.count() == 0
    assert len(callbacks) == 1
    assert "Being sent to the households." in client.get(
        reverse("notices:detail", args=[notice.pk])).content.decode()
