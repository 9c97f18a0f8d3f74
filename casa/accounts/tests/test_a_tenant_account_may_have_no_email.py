"""A tenant's account may have no e-mail (issue 13: SPID/CIE may assert none): it is keyed by
the fiscal code, stored with a NULL e-mail (never ""), named in the audit trail by its fiscal
code, and has no allauth address. An account with neither is refused. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL: both allow many NULLs under the unique e-mail."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from casa.accounts.models import Role, User
from casa.accounts.services import user_create
from casa.core.models import AuditAction, AuditEvent
from conftest import FISCAL_CODES


def tenant_without_email(fiscal_code=FISCAL_CODES[0], **extra):
    return User.objects.create_user(email=None, fiscal_code=fiscal_code, role=Role.TENANT,
                                    **extra)


def test_two_tenants_without_email_coexist(db):
    first = tenant_without_email(FISCAL_CODES[0])
    second = tenant_without_email(FISCAL_CODES[1])

    assert first.email is None and second.email is None
    assert User.objects.filter(email__isnull=True).count() == 2
    assert not first.has_usable_password()


@pytest.mark.parametrize("save", ["save", "full_clean"])
def test_an_empty_email_is_stored_as_none(db, save):
    first = User(email="", fiscal_code=FISCAL_CODES[0], role=Role.TENANT)
    if save == "full_clean":
        first.full_clean(exclude=["password"])
    first.save()
    second = User(email="", fiscal_code=FISCAL_CODES[1], role=Role.TENANT)
    if save == "full_clean":
        second.full_clean(exclude=["password"])
    second.save()

    assert list(User.objects.filter(email="")) == []
    assert User.objects.filter(email__isnull=True).count() == 2


def test_an_account_with_neither_email_nor_fiscal_code_is_refused(db):
    with pytest.raises(ValueError, match="e-mail address or a fiscal code"):
        User.objects.create_user(email=None)
    with pytest.raises(ValidationError):
        User(email="", role=Role.TENANT).full_clean(exclude=["password"])
    with pytest.raises(ValueError, match="e-mail address"):
        User.objects.create_superuser(email=None, password="a-long-enough-pass-2026",
                                      fiscal_code=FISCAL_CODES[0])
    assert not User.objects.exists()


def test_user_create_makes_a_tenant_without_email_but_not_staff(db):
    tenant = user_create(email=None, password=None, role=Role.TENANT, first_name="Mario",
                         last_name="Rossi", fiscal_code=FISCAL_CODES[0],
                         hashed_password="!", acting_user="spid")
    assert tenant.email is None
    with pytest.raises(ValidationError):
        user_create(email="", password=None, hashed_password="!", role=Role.BENEFIT_OFFICER,
                    first_name="Marta", last_name="Greco", acting_user="test")


def test_the_audit_trail_names_the_account_by_its_fiscal_code(client, db):
    tenant = tenant_without_email()

    client.force_login(tenant)

    login = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert login.target_id == f"CF:{FISCAL_CODES[0]}"
    assert login.actor_label == f"CF:{FISCAL_CODES[0]}"
    assert str(tenant) == FISCAL_CODES[0]  # no name, no e-mail: never "None"


def test_an_account_without_email_has_no_allauth_address(db):
    tenant = User.objects.create_user(email="mario@example.invalid",
                                      fiscal_code=FISCAL_CODES[0])
    assert EmailAddress.objects.filter(user=tenant).exists()

    tenant.email = ""
    tenant.save()

    assert not EmailAddress.objects.filter(user=tenant).exists()
    tenant_without_email(FISCAL_CODES[1])
    assert not EmailAddress.objects.exists()


def test_the_mobile_phone_is_validated_like_the_registers(db):
    tenant = tenant_without_email(mobile_phone="+39 333 123 4567")
    tenant.full_clean(exclude=["password"])

    tenant.mobile_phone = "call me"
    with pytest.raises(ValidationError) as refused:
        tenant.full_clean(exclude=["password"])
    assert "mobile_phone" in refused.value.message_dict


def test_a_staff_account_needs_an_email(db):
    officer = User(email="", role="benefit_officer", fiscal_code="RSSMRA80A01F205X")

    with pytest.raises(ValidationError) as refused:
        officer.full_clean()
    assert "email" in refused.value.message_dict
