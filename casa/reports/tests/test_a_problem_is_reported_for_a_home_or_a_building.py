"""A tenant reports a problem of their flat or their building; staff report for a household
they follow or, from their rounds, about a common area of their hubs' buildings. The report
records who reported it and for whom, takes its due date, team and urgency from its category,
starts its history, and the household gets a receipt. Bad input saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.notifications.models import Message
from casa.registry.models import Building
from casa.reports.models import Category, Report, UpdateKind
from casa.reports.services import report_create

pytestmark = pytest.mark.django_db


def test_a_tenant_reports_a_leak_in_their_flat(register, tenant):
    leak = Category.objects.get(code="water_leak")
    now = timezone.now()
    report = report_create(category=leak, place="flat", description="Acqua dal soffitto.",
                           acting_user=tenant, now=now)
    household = register["households"]["H001"]
    assert (report.household, report.unit, report.building) == (
        household, household.unit, household.unit.building)
    assert report.reported_by == tenant and not report.on_behalf
    assert report.status == "new" and report.urgent and report.team == "maintenance"
    assert report.due_at == now + dt.timedelta(hours=leak.target_hours)
    assert [update.kind for update in report.updates.all()] == [UpdateKind.CREATED]
    assert AuditEvent.objects.filter(target_type="reports.report", action="create").exists()
    assert Message.objects.filter(household=household, kind="reports.received").exists()


def test_a_common_area_report_names_no_flat(tenant, lift):
    report = report_create(category=lift, place="entrance", description="Fermo al 3° piano.",
                           acting_user=tenant)
    assert report.unit is None and report.entrance == "A" and report.is_common_area


@pytest.mark.parametrize("changes, field", [
    ({"description": "   "}, "description"),
    ({"description": "x" * 2001}, "description"),
    ({"place": "attic"}, "place"),
    ({"category": None}, "category"),
])
def test_bad_input_says_what_to_fix_and_saves_nothing(tenant, lift, changes, field):
    values = {"category": lift, "place": "flat", "description": "Rotto.", **changes}
    with pytest.raises(ValidationError) as refused:
        report_create(acting_user=tenant, **values)
    assert field in refused.value.message_dict
    assert not Report.objects.exists()


def test_a_category_no_longer_offered_is_refused(tenant, lift):
    Category.objects.filter(pk=lift.pk).update(active=False)
    lift.refresh_from_db()
    with pytest.raises(ValidationError):
        report_create(category=lift, place="flat", description="x", acting_user=tenant)


def test_a_tenant_reports_for_their_own_household_only(register, tenant, lift):
    with pytest.raises(PermissionDenied):
        report_create(category=lift, place="flat", description="x", acting_user=tenant,
                      household=register["households"]["H002"])
    assert not Report.objects.exists()


def test_staff_report_for_a_household_they_follow(register, manager, lift):
    household = register["households"]["H001"]
    report = report_create(category=lift, place="flat", description="Telefonata.",
                           acting_user=manager, household=household)
    assert report.on_behalf and report.reported_by == manager and report.household == household
    with pytest.raises(PermissionDenied):  # Lorenteggio is not the manager's hub
        report_create(category=lift, place="flat", description="x", acting_user=manager,
                      household=register["households"]["H002"])


def test_care_staff_report_a_common_area_from_their_round(register, make_user, lift):
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    san_siro = Building.objects.get(code="B001")
    report = report_create(category=lift, place="courtyard", description="Cancello rotto.",
                           acting_user=care, building=san_siro)
    assert report.household is None and report.on_behalf
    with pytest.raises(ValidationError):  # a flat needs its household
        report_create(category=lift, place="flat", description="x", acting_user=care,
                      building=san_siro)
    with pytest.raises(PermissionDenied):
        report_create(category=lift, place="courtyard", description="x", acting_user=care,
                      building=Building.objects.get(code="B002"))


def test_roles_that_do_not_report_cannot(register, make_user, lift):
    for role in ("benefit_officer", "auditor", "approver"):
        with pytest.raises(PermissionDenied):
            report_create(category=lift, place="courtyard", description="x",
                          acting_user=make_user(role),
                          building=Building.objects.get(code="B001"))


def test_a_form_sent_again_while_the_first_is_saved_returns_the_first(tenant, lift,
                                                                      monkeypatch):
    """Two requests with the same key at once: the second's insert hits the unique key and
    the service answers with the first one's report (as if the first had just committed)."""
    import uuid

    from casa.reports import selectors

    key = uuid.uuid4()
    first = report_create(category=lift, place="flat", description="x", acting_user=tenant,
                          submission_key=key)
    calls = iter([None, first])  # not found before saving, found after the unique key refused
    monkeypatch.setattr(selectors, "already_sent", lambda *args: next(calls))
    again = report_create(category=lift, place="flat", description="x", acting_user=tenant,
                          submission_key=key)
    assert again == first and Report.objects.count() == 1
