"""Scale (issue 11, i11bench): the participants page of a hub reads the same number of queries
for one participant as for many: the audit event of each row names its household, read with
the list, not once per row (bench/casework_scale.py measured 108 queries for 100 rows)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casa.core.models import AuditEvent

from .helpers import support

pytestmark = pytest.mark.django_db


def test_the_hub_page_reads_as_many_queries_for_many_participants_as_for_one(
        client, make_user, register, projects, person, django_assert_max_num_queries):
    hub = register["hubs"]["san-siro"]
    client.force_login(make_user("community_manager", hubs=[hub]))
    url = reverse("participants:hub", args=["san-siro"])
    support(person(), hub, dt.date(2026, 3, 2), source="bench:0")
    client.get(url)  # the session and the caches warm
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(1, 8):
        support(person("H001" if number % 2 else "H002"), hub, dt.date(2026, 3, 2),
                source=f"bench:{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('href="/staff/participants/') >= 8
    assert AuditEvent.objects.filter(note="hub participants",
                                     subject="household:H002").count() == 3
