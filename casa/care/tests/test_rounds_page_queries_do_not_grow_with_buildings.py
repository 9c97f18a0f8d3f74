"""Scale (issue 11, i11bench): the rounds page lists the buildings a carer may start a round
in with one query, however many buildings their hubs have (bench/casework_scale.py measured 267
queries, one per building of the hub, before); the buildings of other hubs stay out."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casa.registry.models import Building

pytestmark = pytest.mark.django_db


def test_the_rounds_page_reads_as_many_queries_for_many_buildings_as_for_one(
        client, carer, register, django_assert_max_num_queries):
    client.force_login(carer)
    url = reverse("care:rounds")
    client.get(url)  # the session and the caches warm
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    hub = register["hubs"]["san-siro"]
    for number in range(10):
        Building.objects.create(code=f"BX{number:02d}", address=f"Via Bench {number}",
                                municipality="Milano", hub=hub, heating="central",
                                managed_by="aler")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("/staff/care/rounds/new/") == 11
    assert "/staff/care/rounds/new/B002/" not in page  # Lorenteggio's
    assert "/staff/care/rounds/new/B003/" not in page  # in no hub
