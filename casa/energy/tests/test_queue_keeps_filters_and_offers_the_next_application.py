"""From the queue to an application and on: each row carries the queue's filters, the
application page offers the next application of the same filtered, sorted queue (none after
the last), and after a decision the page comes back with the same filters."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from casa.energy.models import ApplicationStatus

from .backoffice import login
from .queue_fixtures import in_state, queue_call

pytestmark = pytest.mark.django_db
URL = reverse("energy:review_queue")
S = ApplicationStatus


@pytest.fixture
def world(make_user):
    officer = make_user("benefit_officer")
    call = queue_call()
    apps = [in_state(call, "submitted", officer=officer, minutes=minute, isee=isee)
            for minute, isee in enumerate(["14000.00", "10000.00", "12000.00", "11000.00"])]
    finished = in_state(call, "approved", officer=officer, minutes=10, isee="9500.00")
    return {"officer": officer, "apps": apps, "finished": finished}


def next_link(text):
    found = re.search(r'href="([^"]+)" id="next-application"', text)
    return found.group(1).replace("&amp;", "&") if found else None


def test_each_row_links_to_the_application_with_the_queues_filters(client, world):
    login(client, world["officer"])
    text = client.get(URL, {"sort": "-isee", "q": "test"}).content.decode()
    app = world["apps"][0]
    link = re.search(r'href="(' + reverse("energy:review_application", args=[app.protocol])
                     + r'[^"]*)"', text).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query) == {"q": ["test"], "sort": ["-isee"]}


def test_next_application_follows_the_queues_sort_to_its_end(client, world):
    login(client, world["officer"])
    apps = world["apps"]
    by_isee = [apps[1], apps[3], apps[2], apps[0]]  # 10,000, 11,000, 12,000, 14,000
    url = reverse("energy:review_application", args=[by_isee[0].protocol]) + "?sort=isee"
    seen = [by_isee[0].protocol]
    while True:
        text = client.get(url).content.decode()
        url = next_link(text)
        if url is None:
            assert "This is the last application in the queue." in text
            break
        assert "sort=isee" in url
        seen.append(re.search(r"/applications/([^/]+)/", url).group(1))
    # The approved one (9,500) is finished: not in "needs my action".
    assert seen == [app.protocol for app in by_isee]


def test_after_a_decision_the_page_keeps_the_filters_and_offers_the_next(client, world):
    officer, apps = world["officer"], world["apps"]
    login(client, officer)
    action = reverse("energy:review_action", args=[apps[1].protocol])
    response = client.post(action + "?sort=isee&show=action&page=1",
                           {"action": "approve", "note": ""})
    apps[1].refresh_from_db()
    assert apps[1].status == S.APPROVED
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(reverse("energy:review_application", args=[apps[1].protocol]))
    assert parse_qs(urlsplit(location).query) == {"sort": ["isee"], "show": ["action"],
                                                  "page": ["1"]}
    text = client.get(location).content.decode()
    # No longer needs action, but the next one is still the one after it in the queue.
    assert apps[3].protocol in next_link(text)
    back = re.search(r'href="([^"]+)" id="back-to-queue"', text).group(1)
    assert back.replace("&amp;", "&") == URL + "?show=action&sort=isee&page=1"


def test_an_action_carries_only_the_queues_own_parameters(client, world):
    login(client, world["officer"])
    app = world["apps"][0]
    response = client.post(reverse("energy:review_action", args=[app.protocol])
                           + "?sort=isee&next=https://evil.example/",
                           {"action": "start"})
    assert response["Location"].endswith("?sort=isee")


def test_without_a_queue_the_next_is_that_of_the_default_queue(client, world):
    login(client, world["officer"])
    apps = world["apps"]
    text = client.get(reverse("energy:review_application", args=[apps[0].protocol])
                      ).content.decode()
    assert apps[1].protocol in next_link(text)  # by submission, oldest first
