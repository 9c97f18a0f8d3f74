"""`tenant_household_id` runs the ORM's own SQL for the tenant's scope (casa/registry/access.py)
without building it on every request: for every kind of user it answers what
`tenant_household` answers, and a scope that came to depend on anything but the fiscal code
would stop it at once instead of being frozen into the compiled SQL."""

import pytest
from django.utils import timezone

from casa.core.compiled import Compiled
from casa.registry import selectors
from casa.registry.models import Household, Member
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db


def same_answer(user):
    expected = selectors.tenant_household(user)
    assert selectors.tenant_household_id(user) == (expected.pk if expected else None)
    return expected


def test_a_current_member_gets_their_household(register, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    assert same_answer(tenant) == register["households"]["H001"]


def test_an_ended_membership_or_tenancy_gets_nothing(register, make_user):
    one = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    two = make_user("tenant", fiscal_code=FISCAL_CODES[1])
    Member.objects.filter(fiscal_code=FISCAL_CODES[0]).update(ended_on=timezone.localdate())
    Household.objects.filter(code="H002").update(tenancy_end=timezone.localdate())
    assert same_answer(one) is None
    assert same_answer(two) is None


def test_staff_and_tenants_without_a_fiscal_code_get_nothing(register, make_user):
    assert same_answer(make_user("tenant")) is None
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    assert selectors.tenant_household_id(manager) is None
    admin = make_user("admin", fiscal_code=FISCAL_CODES[0])  # a staff member who is a tenant
    assert selectors.tenant_household_id(admin) is None


def test_a_scope_with_another_parameter_is_refused(register, make_user, monkeypatch):
    def dated_scope(user):
        return Household.objects.filter(tenancy_start__lte=timezone.localdate(),
                                        members__fiscal_code=user.fiscal_code)

    monkeypatch.setattr(selectors, "visible_households", dated_scope)
    monkeypatch.setattr(selectors, "_TENANT_HOUSEHOLD",
                        Compiled(selectors._tenant_households, "CASA-STAND-IN-FISCAL-CODE"))
    with pytest.raises(AssertionError, match="besides its stand-ins"):
        selectors.tenant_household_id(make_user("tenant", fiscal_code=FISCAL_CODES[0]))
