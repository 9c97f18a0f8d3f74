"""`visible_reports` is the one scope: a tenant sees their household's reports in full and the
reports about the common areas of their building in public form, never a neighbour's flat or
another building's; staff see their hubs' buildings; wide readers everything; other roles
nothing. "Is it one of these?" shows only open common-area reports of the same category and
building. A tenant follows the common-area reports of their building only, and is told of
their progress. The history is append-only, and its public form has no internal note."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casa.notifications.models import Message
from casa.reports import selectors
from casa.reports.models import Category, Update
from casa.reports.rules import is_late
from casa.reports.services import (
    report_assign,
    report_change_status,
    report_create,
    report_follow,
    report_note,
    report_reply,
)
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(register, tenant, neighbour, make_user, lift):
    other_building = make_user("tenant", fiscal_code=FISCAL_CODES[1])  # H002, Lorenteggio

    def report(user, place, category=lift):
        return report_create(category=category, place=place, description="Guasto.",
                             acting_user=user)

    return {
        "own_flat": report(tenant, "flat"),
        "neighbour_flat": report(neighbour, "flat"),
        "neighbour_entrance": report(neighbour, "entrance"),
        "elsewhere": report(other_building, "courtyard"),
    }


def seen(user):
    return set(selectors.visible_reports(user).values_list("pk", flat=True))


def pks(reports, *names):
    return {reports[name].pk for name in names}


def test_a_tenant_sees_their_own_and_the_buildings_common_areas(reports, tenant):
    assert seen(tenant) == pks(reports, "own_flat", "neighbour_entrance")
    assert selectors.sees_in_full(tenant, reports["own_flat"])
    assert not selectors.sees_in_full(tenant, reports["neighbour_entrance"])


def test_staff_see_their_hubs_and_wide_readers_everything(register, reports, manager,
                                                          make_user):
    assert seen(manager) == pks(reports, "own_flat", "neighbour_flat", "neighbour_entrance")
    assert selectors.sees_in_full(manager, reports["neighbour_entrance"])
    assert seen(make_user("programme_manager")) == pks(reports, *reports)
    assert seen(make_user("benefit_officer")) == set()
    assert seen(make_user("tenant")) == set()  # no fiscal code, no household


def test_is_it_one_of_these_shows_open_common_area_reports_only(reports, tenant, manager,
                                                                 lift):
    building = reports["own_flat"].building
    assert selectors.similar_open(category=lift, building=building) == [
        reports["neighbour_entrance"]]
    assert selectors.similar_open(category=Category.objects.get(code="heating"),
                                  building=building) == []
    report_change_status(report=reports["neighbour_entrance"], status="rejected",
                         reason="Doppia.", acting_user=manager)
    assert selectors.similar_open(category=lift, building=building) == []


def test_a_tenant_follows_their_buildings_common_areas_and_hears_of_them(
        reports, tenant, manager):
    report_follow(report=reports["neighbour_entrance"], acting_user=tenant)
    report_follow(report=reports["neighbour_entrance"], acting_user=tenant)  # once
    assert reports["neighbour_entrance"].followers.count() == 1
    for private in (reports["neighbour_flat"], reports["elsewhere"]):
        with pytest.raises(PermissionDenied):
            report_follow(report=private, acting_user=tenant)
    report_reply(report=reports["neighbour_entrance"], message="Tecnico domani.",
                 acting_user=manager)
    told = Message.objects.filter(kind="reports.updated", channel="app")
    assert {message.household.code for message in told} == {"H001", "H004"}


def test_the_history_is_append_only_and_its_public_form_hides_the_staffs_work(
        reports, manager, make_user):
    report = reports["own_flat"]
    report_note(report=report, note="Inquilino difficile.", acting_user=manager)
    report_assign(report=report, assignee=manager, acting_user=manager)
    report_reply(report=report, message="Arriviamo.", acting_user=manager)
    public = selectors.public_updates(report)
    assert [update.kind for update in public] == ["created", "reply"]
    update = report.updates.first()
    with pytest.raises(TypeError):
        update.save()
    with pytest.raises(TypeError):
        Update.objects.filter(report=report).update(public_message="x")
    with pytest.raises(TypeError):
        Update.objects.filter(report=report).delete()
    with pytest.raises(ValidationError):  # someone outside the hub cannot see it
        report_assign(report=report, acting_user=manager,
                      assignee=make_user("community_manager"))


def test_a_report_is_late_only_while_open_and_past_its_target():
    due = timezone.now()
    assert not is_late("new", due, due)
    assert is_late("new", due, due + dt.timedelta(seconds=1))
    assert not is_late("resolved", due, due + dt.timedelta(days=9))
