"""A visit that found a problem flags the household; the Community Manager of its hub follows
it up and closes the flag on the resident's page, and it leaves their day page. Care staff see
the flag but do not close it; another hub's Community Manager does not find it."""

import pytest
from django.urls import reverse

from casa.care import selectors, services
from casa.care.models import Flag
from casa.core.models import AuditEvent

from .conftest import resident_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(carer, manager):
    resident = resident_of(carer)
    services.visit_record(resident=resident, notes="Nessuna spesa in casa.", problem_found=True,
                          acting_user=carer)
    return Flag.objects.get(visit__resident=resident)


def page_of(client, user, flag):
    client.force_login(user)
    return client.get(reverse("care:resident_detail", args=[flag.visit.resident_id]))


def test_the_hubs_community_manager_closes_the_flag_from_the_residents_page(client, manager,
                                                                          flag):
    page = page_of(client, manager, flag).content.decode()
    close = reverse("care:flag_close", args=[flag.pk])
    assert f'id="flag-{flag.pk}"' in page and close in page
    assert list(selectors.open_flags_for(manager)) == [flag]

    answer = client.post(close)

    assert answer.status_code == 302
    assert answer.url == reverse("care:resident_detail", args=[flag.visit.resident_id])
    flag.refresh_from_db()
    assert flag.closed_at is not None
    assert not selectors.open_flags_for(manager).exists()
    assert AuditEvent.objects.filter(note="flag closed", actor=manager).count() == 1
    assert f'id="flag-{flag.pk}"' not in page_of(client, manager, flag).content.decode()


def test_a_get_closes_nothing(client, manager, flag):
    client.force_login(manager)

    client.get(reverse("care:flag_close", args=[flag.pk]))

    flag.refresh_from_db()
    assert flag.closed_at is None


def test_care_staff_see_the_flag_but_do_not_close_it(client, carer, flag):
    page = page_of(client, carer, flag).content.decode()
    assert f'id="flag-{flag.pk}"' in page
    assert reverse("care:flag_close", args=[flag.pk]) not in page

    assert client.post(reverse("care:flag_close", args=[flag.pk])).status_code == 403
    flag.refresh_from_db()
    assert flag.closed_at is None


def test_another_hubs_community_manager_does_not_find_it(client, register, make_user, flag):
    other = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(other)

    assert client.post(reverse("care:flag_close", args=[flag.pk])).status_code == 404
    flag.refresh_from_db()
    assert flag.closed_at is None
