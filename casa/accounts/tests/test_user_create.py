"""Creating accounts through `user_create`: roles, hubs, tenants' fiscal codes, audit."""

import pytest
from django.core.exceptions import ValidationError

from casa.accounts.models import Role, User
from casa.accounts.services import user_create
from casa.core.models import AuditEvent
from conftest import FISCAL_CODES

PASSWORD = "a-long-enough-pass-2026"


def create(**overrides):
    fields = {"email": "Someone@Example.invalid", "password": PASSWORD,
              "role": Role.BENEFIT_OFFICER, "first_name": "Marta", "last_name": "Greco",
              "acting_user": "test"}
    fields.update(overrides)
    return user_create(**fields)


def test_it_creates_a_staff_account_that_can_log_in(db):
    user = create()
    assert user.email == "someone@example.invalid"
    assert user.check_password(PASSWORD)
    assert user.role == Role.BENEFIT_OFFICER
    assert not user.is_staff and not user.is_superuser


def test_an_administrator_can_use_the_django_admin(db):
    user = create(role=Role.ADMIN)
    assert user.is_staff and user.is_superuser


def test_a_community_manager_is_assigned_to_hubs(register):
    hubs = list(register["hubs"].values())
    user = create(role=Role.COMMUNITY_MANAGER, hubs=hubs)
    assert set(user.hubs.all()) == set(hubs)


def test_it_refuses_hubs_for_a_role_that_works_everywhere(register):
    with pytest.raises(ValidationError):
        create(role=Role.APPROVER, hubs=[register["hubs"]["san-siro"]])


def test_a_tenant_account_is_keyed_by_fiscal_code(db):
    user = create(role=Role.TENANT, fiscal_code=FISCAL_CODES[0].lower())
    assert user.fiscal_code == FISCAL_CODES[0]


def test_it_refuses_a_tenant_without_a_fiscal_code(db):
    with pytest.raises(ValidationError):
        create(role=Role.TENANT)


def test_it_rejects_a_fiscal_code_with_a_wrong_check_digit(db):
    wrong = FISCAL_CODES[0][:-1] + ("A" if FISCAL_CODES[0][-1] != "A" else "B")
    with pytest.raises(ValidationError):
        create(role=Role.TENANT, fiscal_code=wrong)
    assert not User.objects.exists()


def test_it_refuses_a_second_account_with_the_same_e_mail(db):
    create()
    with pytest.raises(ValidationError):
        create(email="someone@example.invalid")
    assert User.objects.count() == 1


def test_it_refuses_a_weak_password(db):
    with pytest.raises(ValidationError):
        create(password="12345")
    assert not User.objects.exists()


def test_the_creation_is_in_the_audit_trail_without_the_password(db):
    staff = create(email="manager@example.invalid", role=Role.ADMIN)
    user = create(role=Role.TENANT, fiscal_code=FISCAL_CODES[1], acting_user=staff)
    event = AuditEvent.objects.get(target_type="accounts.user", target_id=user.email)
    assert event.actor == staff
    assert event.action == "create"
    assert event.changes["role"] == "tenant"
    assert PASSWORD not in str(event.changes)
