"""E-mail addresses as long as RFC 5321 allows (a 64-character local part, 254 characters in
all) create accounts, log in and show in the audit trail, on SQLite and on PostgreSQL."""

from django.urls import reverse

from casa.accounts.models import Role
from casa.accounts.services import user_create
from casa.core.models import AuditEvent

PASSWORD = "a-long-enough-pass-2026"
# 64 + 1 + 63 + 1 + 63 + 1 + 45 + 16 = 254 characters: the longest address RFC 5321 allows.
LONGEST = f"{'l' * 64}@{'a' * 63}.{'b' * 63}.{'c' * 45}.example.invalid"
# A long address as people have them: a long name at a long office domain (117 characters).
LONG = ("maria.giovanna.rossi-bianchi.ufficio-contributi-energia@"
        "servizi-sociali.direzione-casa.comune-di-milano.example.invalid")


def create(email):
    return user_create(email=email, password=PASSWORD, role=Role.BENEFIT_OFFICER,
                       first_name="Maria", last_name="Rossi", acting_user="test")


def test_the_longest_address_rfc_5321_allows_has_254_characters():
    assert len(LONGEST) == 254 and len(LONGEST.split("@")[0]) == 64
    assert len(LONG) > 100


def test_an_account_with_a_long_address_is_created_and_audited(db):
    for email in (LONG, LONGEST):
        user = create(email)

        assert user.email == email
        assert AuditEvent.objects.get(action="create", target_id=email).target_type == (
            "accounts.user")


def test_a_long_address_logs_in_and_the_login_is_audited(db, client):
    user = create(LONGEST)

    client.post(reverse("account_login"), {"login": LONGEST, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.get(action="login").target_id == LONGEST


def test_a_failed_login_with_a_long_address_is_audited_in_full(db, client):
    create(LONGEST)

    response = client.post(reverse("account_login"),
                           {"login": LONGEST, "password": "not-the-password"})

    assert response.status_code == 200
    assert AuditEvent.objects.get(action="login_failed").target_id == LONGEST
