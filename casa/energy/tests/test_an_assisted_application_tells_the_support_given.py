"""Issue 11: an application made at the Spazio CASA desk tells the register's support_given
signal (the European Social Fund counts it) for the head of household at the household's hub;
an application the tenant makes alone tells nothing."""

import pytest
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import create_demo_call
from casa.energy.models import Channel
from casa.registry.signals import support_given
from conftest import FISCAL_CODES

from .backoffice import give

IDENTITY = {"document": "identity_card", "number": "CA12345AB", "read_and_signed": True}


@pytest.fixture
def told():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    support_given.connect(receiver, dispatch_uid="test.energy.told")
    yield calls
    support_given.disconnect(dispatch_uid="test.energy.told")


def test_an_application_at_the_desk_tells_the_support_given(register, make_user, told):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    give(household, isee="12000.50", charge="900.00", on=today)
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    application = application_submit(call=call, household=household, acting_user=manager,
                                     channel=Channel.ASSISTED, identity=IDENTITY,
                                     declarations=DECLARATION_CODES)
    [told_once] = told
    assert told_once["member"].fiscal_code == FISCAL_CODES[0]
    assert told_once["hub"] == register["hubs"]["san-siro"]
    assert told_once["on"] == today and told_once["actor"] == manager
    assert told_once["source"] == f"energy:assisted_application:{application.pk}"


def test_an_application_the_tenant_makes_alone_tells_nothing(register, make_user, told):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H002"]
    give(household, isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])
    application_submit(call=call, household=household, acting_user=tenant,
                       channel=Channel.ONLINE, iban="IT60X0542811101000000123456",
                       iban_holder=FISCAL_CODES[1], declarations=DECLARATION_CODES)
    assert told == []
