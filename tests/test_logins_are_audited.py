"""Logins, good and failed, are in the audit trail (the limits on wrong passwords are tested in
casa/accounts/tests/)."""

from django.urls import reverse

from casa.core.models import AuditEvent


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_the_right_password_logs_in_and_is_audited(make_user, client):
    officer = make_user("benefit_officer", email="officer@example.invalid")

    login(client, officer.email, "test-pass-123")

    assert client.session["_auth_user_id"] == str(officer.pk)
    assert AuditEvent.objects.filter(action="login", actor=officer).count() == 1


def test_failed_logins_are_in_the_audit_trail(make_user, client):
    make_user("tenant", email="tenant@example.invalid")

    login(client, "tenant@example.invalid", "nope-nope-nope")

    event = AuditEvent.objects.get(action="login_failed")
    assert event.target_id == "tenant@example.invalid"
    assert event.actor is None
