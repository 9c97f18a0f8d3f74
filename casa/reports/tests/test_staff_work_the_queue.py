"""The staff's queue of problem reports: open reports by default, urgent first then by due
date, filtered by hub, building, category, status, urgency and lateness; a hub-scoped role
never sees another hub's reports; the page reads a fixed number of queries whatever the
number of rows."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.reports.models import Category, Report
from casa.reports.services import report_create

pytestmark = pytest.mark.django_db
QUEUE = reverse("reports_staff:queue")


@pytest.fixture
def reporters(register, make_user):
    """Care staff on their rounds at San Siro and at Lorenteggio."""
    return {"san-siro": make_user("care_staff", hubs=[register["hubs"]["san-siro"]]),
            "lorenteggio": make_user("care_staff", hubs=[register["hubs"]["lorenteggio"]])}


def rounds(reporters, hub, code, *, category="cleaning", place="courtyard", status=None,
           created=None):
    from casa.registry.models import Building

    report = report_create(category=Category.objects.get(code=category), place=place,
                           description="Sporco.", acting_user=reporters[hub],
                           building=Building.objects.get(code=code), now=created)
    if status:
        Report.objects.filter(pk=report.pk).update(status=status)
    return report


def listed(response):
    return [int(pk) for pk in re.findall(r'data-report="(\d+)"', response.content.decode())]


def test_open_reports_are_listed_urgent_first_then_by_due_date(client, manager, reporters):
    now = timezone.now()
    # Due in 10 hours, before the lift's (24 hours): urgency comes first all the same.
    cleaning_old = rounds(reporters, "san-siro", "B001", created=now - dt.timedelta(hours=110))
    lift = rounds(reporters, "san-siro", "B001", category="lift")
    cleaning_new = rounds(reporters, "san-siro", "B001")
    closed = rounds(reporters, "san-siro", "B001", status="closed")
    client.force_login(manager)
    response = client.get(QUEUE)
    assert listed(response) == [lift.pk, cleaning_old.pk, cleaning_new.pk]
    assert closed.pk not in listed(response)
    assert listed(client.get(QUEUE, {"status": "all"})) == [lift.pk, cleaning_old.pk,
                                                            cleaning_new.pk, closed.pk]
    assert listed(client.get(QUEUE, {"status": "closed"})) == [closed.pk]


def test_each_filter_narrows_the_queue(client, register, make_user, reporters):
    from casa.registry.models import Building

    Building.objects.filter(code="B003").update(hub=register["hubs"]["san-siro"])
    old = timezone.now() - dt.timedelta(days=10)
    late_cleaning = rounds(reporters, "san-siro", "B001", created=old)
    urgent = rounds(reporters, "san-siro", "B001", category="lift")
    other_building = rounds(reporters, "san-siro", "B003", category="waste")
    lorenteggio = rounds(reporters, "lorenteggio", "B002")
    client.force_login(make_user("programme_manager"))
    assert set(listed(client.get(QUEUE))) == {late_cleaning.pk, urgent.pk, other_building.pk,
                                              lorenteggio.pk}
    assert listed(client.get(QUEUE, {"hub": "lorenteggio"})) == [lorenteggio.pk]
    assert set(listed(client.get(QUEUE, {"building": "b001"}))) == {late_cleaning.pk,
                                                                    urgent.pk}
    assert listed(client.get(QUEUE, {"category": "waste"})) == [other_building.pk]
    assert listed(client.get(QUEUE, {"urgent": "on"})) == [urgent.pk]
    assert listed(client.get(QUEUE, {"late": "on"})) == [late_cleaning.pk]
    assert listed(client.get(QUEUE, {"late": "on", "hub": "lorenteggio"})) == []
    # A filter that is not valid is ignored, and said so; the valid ones still apply.
    response = client.get(QUEUE, {"building": "NOPE", "category": "waste"})
    assert listed(response) == [other_building.pk]
    assert "Nessun edificio con questo codice tra i tuoi." in response.content.decode()


def test_a_hub_scoped_role_never_sees_another_hubs_report(client, manager, reporters):
    mine = rounds(reporters, "san-siro", "B001")
    theirs = rounds(reporters, "lorenteggio", "B002")
    client.force_login(manager)
    for params in ({}, {"status": "all"}, {"hub": "lorenteggio"}, {"building": "B002"}):
        assert theirs.pk not in listed(client.get(QUEUE, params)), params
    assert listed(client.get(QUEUE)) == [mine.pk]
    response = client.get(QUEUE, {"building": "B002"})
    assert "Nessun edificio con questo codice tra i tuoi." in response.content.decode()
    # The hub filter offers only the manager's own hubs.
    assert 'value="lorenteggio"' not in response.content.decode()


def test_the_queue_reads_a_fixed_number_of_queries(client, manager, reporters, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    rounds(reporters, "san-siro", "B001")
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE, {"late": "", "status": "all"})
    assignee = make_user("community_manager", hubs=[manager.hubs.first()])
    for number in range(12):
        report = rounds(reporters, "san-siro", "B001",
                        category="lift" if number % 2 else "waste")
        Report.objects.filter(pk=report.pk).update(assigned_to=assignee)
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE, {"late": "", "status": "all"})
    assert len(listed(response)) == 13
    assert len(many) == len(few)
    assert "13 segnalazioni trovate" in response.content.decode()


def test_htmx_asks_only_for_the_results(client, manager, reporters):
    rounds(reporters, "san-siro", "B001")
    client.force_login(manager)
    response = client.get(QUEUE, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert 'id="queue-count"' in response.content.decode()
