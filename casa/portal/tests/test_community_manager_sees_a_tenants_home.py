"""A Community Manager at the desk opens a tenant's "My home" to guide them: the same screen,
read only (no link to act), for the households of their hubs only, and every opening is in the
audit trail."""

import datetime as dt

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.notices.services import notice_publish
from casa.registry.models import Household


def url(code):
    return reverse("portal:tenant_home", args=[code])


@pytest.fixture
def manager(register, make_user):
    return make_user("community_manager", hubs=[register["hubs"]["san-siro"]])


def test_a_community_manager_sees_the_home_read_only_and_it_is_audited(client, register,
                                                                      manager):
    notice = notice_publish(title="Stop riscaldamento", body="Domani.", audience="hub",
                            hub=register["hubs"]["san-siro"], acting_user=manager)
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    response = client.get(url("H001"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Via Zamagna 5" in html and "Read only" in html
    assert notice.title in html
    # Read only: no link to the tenant's own pages, which would act as the tenant.
    for name in ("appointments:book", "appointments:my_appointments", "notices:my_notices",
                 "events:my_events"):
        assert reverse(name) not in html
    assert reverse("notices:my_notice", args=[notice.pk]) not in html
    event = AuditEvent.objects.get(actor=manager, action="view", target_id="H001")
    assert event.target_type == "registry.household"
    assert "read only" in event.note


def test_the_household_page_links_to_it(client, register, manager):
    client.force_login(manager)
    html = client.get(reverse("registry:household_detail", args=["H001"])).content.decode()
    assert url("H001") in html


def test_another_hubs_household_is_not_found_and_nothing_is_recorded(client, register,
                                                                    manager):
    client.force_login(manager)
    assert client.get(url("H002")).status_code == 404
    assert client.get(url("H404")).status_code == 404
    assert not AuditEvent.objects.filter(actor=manager, target_id__in=["H002", "H404"]).exists()


def test_an_ended_tenancy_has_no_home(client, register, manager):
    Household.objects.filter(code="H001").update(tenancy_end=dt.date(2025, 1, 31))
    client.force_login(manager)
    assert client.get(url("H001")).status_code == 404


@pytest.mark.parametrize("role", ["tenant", "care_staff", "benefit_officer"])
def test_other_roles_may_not_open_it(client, register, make_user, role):
    client.force_login(make_user(role, hubs=[register["hubs"]["san-siro"]]
                                 if role == "care_staff" else ()))
    assert client.get(url("H001")).status_code == 403
