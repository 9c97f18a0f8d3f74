"""An account logs in, and receives password resets, at its own e-mail only (`User.email`):
allauth's address rows follow it however it is saved."""

import importlib

from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.urls import reverse

PASSWORD = "test-pass-123"  # conftest.make_user's


def logs_in(client, email, password=PASSWORD):
    client.logout()
    client.post(reverse("account_login"), {"login": email, "password": password})
    return "_auth_user_id" in client.session


def addresses(user):
    return list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary"))


def test_every_account_has_its_email_as_its_one_confirmed_address(make_user):
    user = make_user("tenant", fiscal_code="RSSMRA80A01F205X", email="Mario@Example.invalid")

    assert addresses(user) == [("mario@example.invalid", True, True)]


def test_an_address_changed_by_an_administrator_replaces_the_old_one(client, make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X", email="old@example.invalid")
    client.force_login(tenant)
    client.get(reverse("account_email"))  # allauth's page records the address it shows

    tenant.email = "new@example.invalid"
    tenant.save()

    assert addresses(tenant) == [("new@example.invalid", True, True)]
    assert not logs_in(client, "old@example.invalid")
    client.post(reverse("account_reset_password"), {"email": "old@example.invalid"})
    assert all("password/reset/key" not in message.body for message in mail.outbox)
    assert logs_in(client, "new@example.invalid")


def test_the_migration_gives_existing_accounts_their_address_and_drops_the_others(make_user):
    user = make_user("tenant", fiscal_code="RSSMRA80A01F205X", email="mario@example.invalid")
    EmailAddress.objects.filter(user=user).delete()
    # What /accounts/email/ left before: an address added and never confirmed.
    EmailAddress.objects.create(user=user, email="typo@example.invalid")
    migration = importlib.import_module(
        "casa.accounts.migrations.0002_email_addresses_follow_the_login")

    migration.forwards(apps, None)

    assert addresses(user) == [("mario@example.invalid", True, True)]
