"""Running `seed_demo` again changes nothing; with --if-empty it leaves a register alone."""

import contextlib
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from casa.accounts.models import User
from casa.core.models import AuditEvent
from casa.registry.models import Household, Member


class Rollback(Exception):
    pass


def test_a_second_run_duplicates_no_user_and_no_household(db):
    call_command("seed_demo", "--households", "120", stdout=StringIO())
    users = sorted(User.objects.values_list("email", "fiscal_code"))
    members = Member.objects.count()
    call_command("seed_demo", "--households", "120", stdout=StringIO())
    assert sorted(User.objects.values_list("email", "fiscal_code")) == users
    assert Household.objects.count() == 120
    assert Member.objects.count() == members


def test_if_empty_leaves_a_database_with_a_register_alone_but_prints_the_logins(db):
    call_command("seed_demo", "--households", "120", "--if-empty", stdout=StringIO())
    households = Household.objects.count()
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("seed_demo", "--households", "500", "--seed", "9", "--if-empty", stdout=out)
    assert Household.objects.count() == households == 120
    assert AuditEvent.objects.count() == events
    assert "cm.sansiro@demo.casa.invalid" in out.getvalue()
    assert "casa-demo-2026" in out.getvalue()


def test_the_same_seed_gives_the_same_tenant_logins_in_another_database(db):
    # A first run rolled back (the audit trail cannot be deleted) stands for another database.
    with contextlib.suppress(Rollback), transaction.atomic():
        call_command("seed_demo", "--households", "120", stdout=StringIO())
        first = sorted(User.objects.filter(role="tenant").values_list("email", "fiscal_code"))
        raise Rollback
    assert not User.objects.exists()
    call_command("seed_demo", "--households", "120", stdout=StringIO())
    assert sorted(User.objects.filter(role="tenant").values_list("email", "fiscal_code")) == first


def test_make_run_seeds_quietly_then_prints_only_the_logins_last(db):
    """`make run` seeds with --no-logins, starts the server, then prints the logins alone with
    --logins, so they are the last thing a newcomer reads."""
    seeding = StringIO()
    call_command("seed_demo", "--households", "60", "--if-empty", "--no-logins", stdout=seeding)
    households = Household.objects.count()
    logins = StringIO()
    call_command("seed_demo", "--logins", stdout=logins)

    assert "casa-demo-2026" not in seeding.getvalue()
    assert "admin@demo.casa.invalid" in logins.getvalue()
    # The table, then (issue 13) the line on the test identity provider.
    lines = logins.getvalue().strip().splitlines()
    assert lines[0] in ("Credenziali demo", "Demo logins")
    assert lines[-2].startswith(("Amministratore", "Administrator"))
    assert "Entra con SPID" in lines[-1]
    assert Household.objects.count() == households
