"""An administrator adds a tenant's account in the Django admin with a fiscal code and no
e-mail nor password (the tenant logs in with SPID/CIE): stored with a NULL e-mail, audited
under its fiscal code, listed and found by fiscal code. An account with neither is refused
with a message, never a 500."""

import pytest
from django.urls import reverse

from casa.accounts.models import User
from casa.core.models import AuditEvent
from conftest import FISCAL_CODES


@pytest.fixture
def administrator(make_user, client):
    user = make_user("admin", email="admin@example.invalid")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user


def add(client, **fields):
    return client.post(reverse("admin:accounts_user_add"), {
        "email": "", "fiscal_code": "", "role": "tenant", "usable_password": "false",
        "password1": "", "password2": "", **fields})


def test_the_admin_adds_tenants_with_a_fiscal_code_and_no_email(client, administrator):
    for code in FISCAL_CODES[:2]:
        response = add(client, fiscal_code=code)
        assert response.status_code == 302, response.context["adminform"].form.errors

    tenants = User.objects.filter(role="tenant").order_by("fiscal_code")
    assert [(user.fiscal_code, user.email) for user in tenants] == [
        (FISCAL_CODES[1], None), (FISCAL_CODES[0], None)]
    assert not tenants[0].has_usable_password()
    assert AuditEvent.objects.filter(action="create", target_id=f"CF:{FISCAL_CODES[0]}",
                                     actor=administrator).exists()

    listed = client.get(reverse("admin:accounts_user_changelist"), {"q": FISCAL_CODES[0]})
    assert listed.status_code == 200
    assert FISCAL_CODES[0] in listed.content.decode()
    change = client.get(reverse("admin:accounts_user_change", args=[tenants[0].pk]))
    assert change.status_code == 200


def test_the_admin_refuses_an_account_with_neither_email_nor_fiscal_code(client,
                                                                          administrator):
    response = add(client)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert User.objects.count() == 1
