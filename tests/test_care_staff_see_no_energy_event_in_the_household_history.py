"""The history on the staff household page lists only events about records the viewer may
read: care and vigilance staff see the register's events and none of the energy contribution
(applications, decisions, the messages about them); a Community Manager of the same hub sees
them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.core.audit import AuditAction, audit_record
from casa.core.models import AuditEvent
from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_decide
from casa.energy.demo import create_demo_call
from casa.energy.tests.backoffice import give
from conftest import FISCAL_CODES


@pytest.fixture
def rejected(register, make_user):
    """H001 (San Siro) applied online and was rejected, through the real services; the
    register import changed its rent band."""
    household = register["households"]["H001"]
    audit_record(actor="import_registry", action=AuditAction.UPDATE, target=household,
                 changes={"rent_band": ["accesso", "protezione"]})
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(household, isee="18000.00", charge="900.00", on=today)
    application = application_submit(
        call=call, household=household, channel="online", declarations=DECLARATION_CODES,
        acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    application_decide(application=application, approve=False,
                       acting_user=make_user("benefit_officer"))
    return application


def history(client, user):
    client.force_login(user)
    page = client.get(reverse("registry:household_detail", args=["H001"])).content.decode()
    return page.split('id="history-heading"')[1]


def test_care_staff_see_the_register_events_but_no_energy_event(client, register, make_user,
                                                                rejected):
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    desk = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.force_login(desk)  # a Community Manager opens the household's energy page
    assert client.get(reverse("energy:household_energy", args=["H001"])).status_code == 200
    desk_views = AuditEvent.objects.filter(actor=desk, subject="household:H001",
                                           target_type="energy.desk")
    assert desk_views.exists()

    events = history(client, care)

    assert "rent_band: accesso → protezione" in events
    assert rejected.protocol not in events
    assert "energy" not in events.lower()
    assert "contributo" not in events.lower()


def test_a_community_manager_of_the_hub_sees_the_energy_events(client, register, make_user,
                                                               rejected):
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])

    events = history(client, manager)

    assert "rent_band: accesso → protezione" in events
    assert rejected.protocol in events
