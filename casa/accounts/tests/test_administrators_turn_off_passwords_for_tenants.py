"""Tenants log in with SPID or CIE; their e-mail and password are a fallback that an
administrator turns off in the admin (LoginPolicy). Then a tenant's right password is refused,
in their language, on every password path (login, re-authentication, the password asked again
before a change, the login after a password reset), and audited as a failed login; staff keep
theirs."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from casa.accounts.models import LoginPolicy
from casa.core.models import AuditEvent

PASSWORD = "test-pass-123"  # conftest.make_user's
REFUSAL_IT = "non con una password"  # part of the Italian message


@pytest.fixture
def passwords_off(db):
    policy = LoginPolicy.current()
    policy.tenants_may_use_password = False
    policy.save()
    return policy


@pytest.fixture
def tenant(make_user):
    return make_user("tenant", fiscal_code="RSSMRA80A01F205X", email="mario@example.invalid")


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_by_default_a_tenant_logs_in_with_the_password(client, tenant):
    log_in(client, tenant.email)

    assert client.session["_auth_user_id"] == str(tenant.pk)


def test_once_off_a_tenants_right_password_is_refused_and_audited(client, tenant,
                                                                  passwords_off):
    response = log_in(client, tenant.email)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert REFUSAL_IT in response.content.decode()
    assert "Entra con SPID" in response.content.decode()
    event = AuditEvent.objects.get(action="login_failed")
    assert event.target_id == tenant.email
    assert event.note == "password login is off for tenants"
    assert not AuditEvent.objects.filter(action="login").exists()


def test_the_refusal_is_in_the_tenants_language(client, tenant, passwords_off):
    client.cookies["django_language"] = "fr"

    response = log_in(client, tenant.email)

    assert "_auth_user_id" not in client.session
    assert "SPID" in response.content.decode()
    assert REFUSAL_IT not in response.content.decode()
    assert "mot de passe" in response.content.decode()


def test_a_wrong_password_still_reads_as_a_wrong_password(client, tenant, passwords_off):
    response = log_in(client, tenant.email, "not-the-password")

    assert REFUSAL_IT not in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_keep_their_password(client, make_user, passwords_off):
    manager = make_user("community_manager", email="cm@example.invalid")

    log_in(client, manager.email)

    assert client.session["_auth_user_id"] == str(manager.pk)


def test_a_tenant_logged_in_cannot_confirm_with_the_password_either(client, tenant,
                                                                    passwords_off):
    client.force_login(tenant)

    reauthentication = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    change = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": "a-new-long-password-26",
        "password2": "a-new-long-password-26"})

    assert REFUSAL_IT in reauthentication.content.decode()
    assert REFUSAL_IT in change.content.decode()
    tenant.refresh_from_db()
    assert tenant.check_password(PASSWORD)


def test_a_password_reset_link_does_not_log_a_tenant_in(client, tenant, passwords_off):
    client.post(reverse("account_reset_password"), {"email": tenant.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)",
                     mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)

    response = client.post(form.redirect_chain[-1][0], {
        "password1": "a-new-long-password-26", "password2": "a-new-long-password-26"},
        follow=True)

    assert "_auth_user_id" not in client.session
    assert REFUSAL_IT in response.content.decode()


def test_the_login_page_drops_the_fallback_wording_when_off(client, tenant):
    fallback = "anche per gli inquilini che non hanno ancora SPID"
    assert fallback in client.get(reverse("account_login")).content.decode()

    policy = LoginPolicy.current()
    policy.tenants_may_use_password = False
    policy.save()

    assert fallback not in client.get(reverse("account_login")).content.decode()


def test_an_administrator_switches_it_off_in_the_admin_and_it_is_audited(client, make_user):
    administrator = make_user("admin", email="admin@example.invalid")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)

    listed = client.get(reverse("admin:accounts_loginpolicy_changelist"))
    change = reverse("admin:accounts_loginpolicy_change", args=[LoginPolicy.current().pk])
    assert change in listed.content.decode()
    assert client.get(change).status_code == 200
    client.post(change, {})  # the checkbox unticked

    assert LoginPolicy.current().tenants_may_use_password is False
    event = AuditEvent.objects.get(target_type="accounts.loginpolicy")
    assert event.action == "update" and event.actor == administrator
    assert event.changes == {"tenants_may_use_password": [True, False]}
    assert LoginPolicy.objects.count() == 1
