"""Staff read a household's page: home, members, ISEE, charges, history; each read is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.core.audit import AuditAction, audit_record
from casa.core.models import AuditEvent
from casa.registry.models import HeatingCharge, IseeDeclaration
from conftest import FISCAL_CODES


def url(code):
    return reverse("registry:household_detail", args=[code])


@pytest.fixture
def household(register):
    household = register["households"]["H001"]
    today = timezone.localdate()
    IseeDeclaration.objects.create(household=household, kind="ordinario",
                                   value_eur=Decimal("12345.67"),
                                   dsu_protocol="INPS-ISEE-2025-00597381W-00",
                                   issued_on=today - dt.timedelta(days=30),
                                   valid_until=today + dt.timedelta(days=30))
    IseeDeclaration.objects.create(household=household, kind="corrente",
                                   value_eur=Decimal("8000"),
                                   dsu_protocol="INPS-ISEE-2023-00000001A-00",
                                   issued_on=dt.date(2023, 1, 10),
                                   valid_until=dt.date(2023, 7, 10))
    HeatingCharge.objects.create(household=household, season="2024-25", basis="actual",
                                 amount_eur=Decimal("1234.50"), other_aid_eur=Decimal("100"))
    return household


def test_staff_see_the_household_members_isee_and_heating_charges(client, household,
                                                                  make_user):
    client.force_login(make_user("benefit_officer"))
    response = client.get(url("H001"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Via Zamagna 5" in page
    assert "San Siro" in page
    assert FISCAL_CODES[0] in page
    assert "01/01/1980" in page
    assert "INPS-ISEE-2025-00597381W-00" in page
    assert "12.345,67\N{NO-BREAK SPACE}€" in page
    assert "1.234,50\N{NO-BREAK SPACE}€" in page
    assert "2024-25" in page
    assert "01/03/2015" in page


def test_the_page_says_which_isee_declaration_is_valid_today(client, household, make_user):
    client.force_login(make_user("benefit_officer"))
    page = client.get(url("H001")).content.decode()
    rows = page.split("INPS-ISEE-")
    current, expired = rows[1], rows[2]
    assert 'bg-success">' in current
    assert 'bg-success">' not in expired


def test_every_staff_view_of_the_page_is_in_the_audit_trail(client, household, make_user):
    officer = make_user("benefit_officer")
    client.force_login(officer)
    client.get(url("H001"))
    client.get(url("H001"))
    events = AuditEvent.objects.filter(action=AuditAction.VIEW, subject="household:H001",
                                       actor=officer)
    assert events.count() == 2


def test_the_history_shows_what_happened_to_the_household(client, household, make_user):
    audit_record(actor="import_registry", action=AuditAction.UPDATE, target=household,
                 changes={"rent_band": ["accesso", "protezione"]})
    client.force_login(make_user("auditor"))
    page = client.get(url("H001")).content.decode()
    assert "import_registry" in page
    assert "rent_band: accesso → protezione" in page


def test_a_community_manager_gets_not_found_for_a_household_outside_their_hubs(
    client, register, make_user
):
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.force_login(manager)
    assert client.get(url("H001")).status_code == 200
    assert client.get(url("H002")).status_code == 404
    assert client.get(url("NO-SUCH-CODE")).status_code == 404
    assert not AuditEvent.objects.filter(subject="household:H002").exists()


def test_a_tenant_cannot_open_a_staff_household_page(client, register, make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    assert client.get(url("H001")).status_code == 403
