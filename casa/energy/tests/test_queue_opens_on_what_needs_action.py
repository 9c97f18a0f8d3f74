"""The review queue opens on what needs the user's action: an officer's applications to decide
(submitted, under review, answered), an approver's decisions to confirm (not their own, not
filed by them at the desk); the waiting list and finished applications only when asked."""

import pytest
from django.urls import reverse

from casa.energy import controls, decisions
from casa.energy import queue as review_queue
from casa.energy.models import Application, Channel

from .backoffice import login
from .queue_fixtures import in_state, queue_call

pytestmark = pytest.mark.django_db
URL = reverse("energy:review_queue")


@pytest.fixture
def world(make_user):
    officer = make_user("benefit_officer")
    other_officer = make_user("benefit_officer")
    approver = make_user("approver")
    call = queue_call()
    apps = {state: in_state(call, state, officer=officer, minutes=minute)
            for minute, state in enumerate(["submitted", "under_review", "needs_information",
                                            "answered", "awaiting_confirmation", "approved",
                                            "rejected"])}
    # Filed at the desk by the approver: they may not confirm it.
    apps["approver_desk"] = in_state(call, "submitted", officer=officer, minutes=20,
                                     channel=Channel.ASSISTED, by=approver)
    # Filed at the desk by the first officer, decided by another: the first may not decide.
    apps["officer_desk"] = in_state(call, "submitted", officer=other_officer, minutes=21,
                                    channel=Channel.ASSISTED, by=officer)
    return {"officer": officer, "other_officer": other_officer, "approver": approver,
            "call": call, "apps": apps}


def listed(client, **params):
    text = client.get(URL, params).content.decode()
    return text


def protocols_in(text, apps):
    return {name for name, app in apps.items() if app.protocol in text}


def test_an_officer_opens_on_the_applications_to_decide(client, world):
    login(client, world["officer"])
    text = listed(client)
    assert protocols_in(text, world["apps"]) == {"submitted", "under_review", "answered",
                                                 "approver_desk"}
    assert 'aria-current="page">Needs my action' in text
    assert "tenant answered" in text


def test_an_approver_opens_on_the_decisions_they_may_confirm(client, world, make_user):
    approver = world["approver"]
    apps = world["apps"]
    # The approver filed this one at the desk; the officer's approval above the threshold waits.
    decisions.application_decide(application=apps["approver_desk"], approve=True,
                                 acting_user=world["officer"])
    login(client, approver)
    assert protocols_in(listed(client), apps) == {"awaiting_confirmation"}

    # An administrator who made the pending decision does not see it as theirs to confirm.
    admin = make_user("admin")
    mine = in_state(world["call"], "awaiting_confirmation", officer=admin, minutes=30)
    login(client, admin)
    text = listed(client)
    assert mine.protocol not in text
    assert apps["awaiting_confirmation"].protocol in text


def test_needs_my_action_agrees_with_the_duty_checks_of_the_decision_services(world,
                                                                             make_user):
    """The queryset and decisions.duty_conflict say the same, for every application and user."""
    admin = make_user("admin")
    decisions.application_decide(application=world["apps"]["approver_desk"], approve=True,
                                 acting_user=world["officer"])
    for user in (world["officer"], world["other_officer"], world["approver"], admin):
        shown = set(Application.objects.filter(review_queue.needs_action(user))
                    .values_list("pk", flat=True))
        expected = set()
        for app in Application.objects.all():
            pending = decisions.pending_decision(app)
            if (user.role in ("benefit_officer", "admin") and app.status in decisions.DECIDABLE
                    and decisions.duty_conflict(app, user, controls.Duty.DECIDE) is None):
                expected.add(app.pk)
            if (user.role in ("approver", "admin") and pending is not None
                    and decisions.duty_conflict(app, user, controls.Duty.CONFIRM) is None):
                expected.add(app.pk)
        assert shown == expected, user.role


def test_finished_applications_show_only_when_asked(client, world):
    login(client, world["officer"])
    apps = world["apps"]
    for view in ("action", "open"):
        text = listed(client, show=view)
        assert apps["approved"].protocol not in text and apps["rejected"].protocol not in text
    finished = listed(client, show="finished")
    assert protocols_in(finished, apps) == {"approved", "rejected"}
    everything = listed(client, show="all")
    assert protocols_in(everything, apps) == set(apps)


def test_in_progress_lists_what_waits_for_the_tenant_or_a_second_person(client, world):
    login(client, world["officer"])
    assert protocols_in(listed(client, show="open"), world["apps"]) == {
        "submitted", "under_review", "needs_information", "answered", "awaiting_confirmation",
        "approver_desk", "officer_desk"}


def test_the_waiting_list_is_its_own_view_in_ranking_order(client, make_user):
    officer = make_user("benefit_officer")
    call = queue_call(budget="100.00")
    first = in_state(call, "approved", officer=officer)
    waiting = [in_state(call, "waitlisted", officer=officer, isee=isee, minutes=minute)
               for minute, isee in enumerate(["14000.00", "10000.00"], start=1)]
    login(client, officer)
    text = listed(client, show="waitlist")
    assert first.protocol not in text
    assert text.index(waiting[1].protocol) < text.index(waiting[0].protocol)
    assert 'aria-sort="ascending"' in text and "Waiting list position" in text
    assert waiting[0].protocol not in listed(client)  # not in "needs my action"


def test_those_who_only_read_open_on_what_is_in_progress(client, world, make_user):
    login(client, make_user("auditor"))
    text = listed(client)
    assert "Needs my action" not in text
    assert protocols_in(text, world["apps"]) == {
        "submitted", "under_review", "needs_information", "answered", "awaiting_confirmation",
        "approver_desk", "officer_desk"}


def test_an_open_appeal_needs_the_action_of_an_officer_who_took_no_part(client, register,
                                                                         make_user):
    from casa.energy.appeals import appeal_file
    from conftest import FISCAL_CODES

    from .backoffice import give
    from .fixtures import submit

    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    officer = make_user("benefit_officer")
    home = register["households"]["H001"]
    give(home, isee="12000.00", charge="200.00")
    app = submit(queue_call(), home, by=tenant)
    decisions.application_decide(application=app, approve=False, note="Manca la bolletta.",
                                 acting_user=officer)
    appeal_file(application=app, reason="L'ho consegnata allo sportello.", acting_user=tenant)

    login(client, officer)
    assert app.protocol not in listed(client)
    login(client, make_user("benefit_officer"))
    text = listed(client)
    assert app.protocol in text and "open appeal" in text
