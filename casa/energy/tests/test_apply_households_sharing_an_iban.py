"""The review page flags an IBAN that other households' current applications name too: the
selector finds them (same call, not rejected, other households), and only those the reader
may see."""

import pytest

from casa.energy.decisions import application_decide
from casa.energy.ibans import households_sharing_iban
from casa.registry.models import Building, Hub

from .fixtures import TENANT_IBAN, demo_call, desk, household, submit, user

pytestmark = pytest.mark.django_db
OTHER_IBAN = "IT60X0542811101000000123456"


def test_other_households_with_the_same_iban_are_found():
    call = demo_call()
    mine = submit(call, household(heating="autonomous"), by=desk())
    same = submit(call, household(heating="autonomous"), by=desk())
    other = submit(call, household(heating="autonomous"), by=desk(), iban=OTHER_IBAN)
    bill = submit(call, household(), by=desk())  # central heating: credited on the bill

    assert list(households_sharing_iban(mine)) == [same]
    assert list(households_sharing_iban(same)) == [mine]
    assert list(households_sharing_iban(other)) == []
    assert list(households_sharing_iban(bill)) == []
    assert mine.iban == same.iban == TENANT_IBAN


def test_a_rejected_application_is_not_flagged():
    call = demo_call()
    mine = submit(call, household(heating="autonomous"), by=desk())
    rejected = submit(call, household(heating="autonomous", band="permanenza"), by=desk())
    application_decide(application=rejected, approve=False, acting_user=user("benefit_officer"))

    assert list(households_sharing_iban(mine)) == []


def test_a_reader_sees_only_households_in_their_scope():
    call = demo_call()
    hub = Hub.objects.create(code="hub-x", name="Hub X", address="Via X 1",
                             municipality="Milano")
    building = Building.objects.create(code="B-X", address="Via X 2", municipality="Milano",
                                       heating="autonomous", managed_by="aler", hub=hub)
    mine = submit(call, household(heating="autonomous", building=building), by=desk())
    elsewhere = submit(call, household(heating="autonomous"), by=desk())
    manager = user("community_manager")
    manager.hubs.set([hub])

    assert list(households_sharing_iban(mine, user=user("benefit_officer"))) == [elsewhere]
    assert list(households_sharing_iban(mine, user=manager)) == []
