"""The building's page for staff lists its open reports (urgent first, then by due date) and
those resolved or closed lately, within the user's scope; another hub's building is not
found."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.registry.models import Building
from casa.reports.models import Category, Report
from casa.reports.services import report_create

pytestmark = pytest.mark.django_db


def make(user, code, category="cleaning", status=None, days_ago=0):
    report = report_create(category=Category.objects.get(code=category), place="courtyard",
                           description="Sporco.", acting_user=user,
                           building=Building.objects.get(code=code),
                           now=timezone.now() - dt.timedelta(days=days_ago))
    if status:
        Report.objects.filter(pk=report.pk).update(status=status)
    return report


def test_open_and_recent_reports_of_the_building(client, register, manager, make_user):
    other = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    cleaning = make(manager, "B001")
    lift = make(manager, "B001", category="lift")
    closed = make(manager, "B001", status="closed")
    old = make(manager, "B001", status="closed", days_ago=200)
    elsewhere = make(other, "B002")
    client.force_login(manager)
    page = client.get(reverse("reports_staff:building", args=["B001"])).content.decode()
    open_table = page.split('id="building-open"')[1].split("</table>")[0]
    recent_table = page.split('id="building-recent"')[1].split("</table>")[0]
    assert open_table.index(f'data-report="{lift.pk}"') < open_table.index(
        f'data-report="{cleaning.pk}"')
    assert f'data-report="{closed.pk}"' in recent_table
    for absent in (old, elsewhere):
        assert f'data-report="{absent.pk}"' not in page


def test_another_hubs_building_is_not_found(client, register, manager):
    client.force_login(manager)
    assert client.get(reverse("reports_staff:building", args=["B002"])).status_code == 404
    assert client.get(reverse("reports_staff:building", args=["NOPE"])).status_code == 404
