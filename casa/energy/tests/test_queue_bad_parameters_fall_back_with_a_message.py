"""A queue address with a bad parameter (a sort, page, view or call that does not exist, a value
too long) never fails: the queue falls back on a sensible default and says what it ignored.
Every view of the queue is one audit event."""

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent

from .backoffice import login
from .queue_fixtures import in_state, queue_call

pytestmark = pytest.mark.django_db
URL = reverse("energy:review_queue")


@pytest.fixture
def world(make_user):
    officer = make_user("benefit_officer")
    call = queue_call()
    apps = [in_state(call, "submitted", officer=officer, minutes=minute) for minute in range(2)]
    return {"officer": officer, "apps": apps, "call": call}


@pytest.mark.parametrize(("params", "message"), [
    ({"sort": "password"}, "Unknown sort order “password”: sorted by submission date."),
    ({"sort": "-"}, "Unknown sort order “-”"),
    ({"page": "99"}, "There is no page “99”: showing page 1 of 1."),
    ({"page": "abc"}, "There is no page “abc”"),
    ({"call": "no-such-call"}, "There is no call “no-such-call”: showing every call."),
    ({"hub": "atlantide"}, "There is no Spazio CASA “atlantide”"),
    ({"show": "everything"}, "Unknown view “everything”: showing Needs my action."),
    ({"status": "lost"}, "Ignored the filter “Status”: “lost” is not one of its choices."),
    ({"q": "x" * 300}, "The search text is longer than 100 characters: it was ignored."),
])
def test_a_bad_parameter_falls_back_with_a_message(client, world, params, message):
    login(client, world["officer"])
    response = client.get(URL, params)
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert all(app.protocol in text for app in world["apps"])


def test_the_good_parameters_stay_when_a_bad_one_is_dropped(client, world):
    login(client, world["officer"])
    text = client.get(URL, {"sort": "-submitted", "call": "nope"}).content.decode()
    apps = world["apps"]
    assert text.index(apps[1].protocol) < text.index(apps[0].protocol)


def test_the_application_page_ignores_a_bad_queue_parameter(client, world):
    login(client, world["officer"])
    app = world["apps"][0]
    response = client.get(reverse("energy:review_application", args=[app.protocol]),
                          {"sort": "nope", "page": "-1", "call": "nope"})
    assert response.status_code == 200
    assert world["apps"][1].protocol in response.content.decode()  # the next application


def test_each_view_of_the_queue_is_one_audit_event(client, world):
    login(client, world["officer"])
    before = AuditEvent.objects.filter(target_id="review-queue").count()
    client.get(URL, {"q": "test", "sort": "isee"})
    events = AuditEvent.objects.filter(target_id="review-queue")
    assert events.count() == before + 1
    event = events.last()
    assert event.actor == world["officer"] and event.action == "view"
    assert event.changes["filters"] == {"q": "test", "sort": "isee"}
    assert set(event.changes["applications_listed"]) == {app.protocol for app in world["apps"]}
