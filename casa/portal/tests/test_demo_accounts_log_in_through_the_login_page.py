"""Every demo account of `seed_demo` logs in through the login page with the published password
(allauth asks for a confirmed address: every account's own address is one)."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from casa.accounts.models import Role, User
from casa.portal.management.commands.seed_demo import DEMO_PASSWORD


def test_every_demo_account_logs_in_with_the_published_password(client, db):
    call_command("seed_demo", "--households", "60", stdout=StringIO())

    for role in Role.values:
        email = User.objects.filter(role=role).values_list("email", flat=True).first()
        client.logout()
        client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        assert "_auth_user_id" in client.session, role
