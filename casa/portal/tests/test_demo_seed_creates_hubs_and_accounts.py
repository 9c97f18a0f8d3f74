"""`seed_demo` loads nine Spazi CASA, a register and a demo login for every role."""


from django.db.models import Q

from casa.accounts.models import HUB_SCOPED_ROLES, Role, User
from casa.portal.management.commands.seed_demo import (
    DEMO_PASSWORD,
    LANGUAGE_TENANTS,
    demo_email,
)
from casa.registry.demo import HUBS
from casa.registry.models import Household, Hub, Member
from casa.reports.demo import NEIGHBOUR_DOMAIN

# seed_demo once for this module (casa/portal/tests/conftest.py: demo_seed, seeded).
SEED_ARGS = ["--households", "300"]


def test_it_creates_the_nine_spazi_casa(seeded):
    assert sorted(Hub.objects.values_list("code", flat=True)) == sorted(
        hub["code"] for hub in HUBS)
    assert Hub.objects.filter(municipality="Milano").count() == 7
    assert Hub.objects.get(code="salomone").address == "Via Salomone 36"
    assert Household.objects.count() == 300


def test_there_is_a_demo_login_for_every_role(seeded):
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    # The hubs' other staff (casa/hubs/demo.py) and the neighbours who report problems
    # (casa/reports/demo.py) have no password: they are not demo logins.
    without_login = User.objects.filter(Q(email__endswith="@staff.demo.casa.invalid")
                                        | Q(email__endswith=f"@{NEIGHBOUR_DOMAIN}"))
    assert not any(user.has_usable_password() for user in without_login)
    users = list(User.objects.exclude(pk__in=without_login))
    # The accounts share one hash of the published password: checking one checks them all.
    assert len({user.password for user in users}) == 1
    assert users[0].check_password(DEMO_PASSWORD)
    for user in users:
        assert user.email.endswith("@demo.casa.invalid")
        assert user.email in seeded
    admin = User.objects.get(role=Role.ADMIN)
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.exclude(role=Role.ADMIN).filter(is_superuser=True).exists()


def test_community_managers_and_care_staff_work_in_hubs_one_in_two(seeded):
    scoped = User.objects.filter(role__in=HUB_SCOPED_ROLES)
    assert all(user.hubs.exists() for user in scoped)
    assert max(user.hubs.count() for user in scoped
               if user.role == Role.COMMUNITY_MANAGER) == 2
    assert not User.objects.exclude(role__in=HUB_SCOPED_ROLES).filter(hubs__isnull=False).exists()


def test_every_tenant_login_is_the_head_of_a_current_household_in_different_hubs(seeded):
    # The tenants who show a language of their own may share a hub in a small register.
    tenants = User.objects.filter(role=Role.TENANT).exclude(
        email__endswith=f"@{NEIGHBOUR_DOMAIN}").exclude(
        email__in=[demo_email(local) for local in LANGUAGE_TENANTS])
    assert tenants.count() >= 2
    hubs, languages = set(), set()
    for tenant in tenants:
        member = Member.objects.get(fiscal_code=tenant.fiscal_code)
        assert member.household.is_current
        assert member.relation == "head"
        assert (tenant.first_name, tenant.last_name) == (member.first_name, member.last_name)
        hubs.add(member.household.unit.building.hub_id)
        languages.add(member.household.language)
        if member.household.language != "it":
            assert member.fiscal_code[11] == "Z"  # born abroad
    assert len(hubs) == tenants.count()
    assert languages - {"it"}


def test_account_creation_is_in_the_audit_trail(seeded):
    from casa.core.models import AuditEvent

    created = AuditEvent.objects.filter(actor_label="seed_demo", action="create",
                                        target_type="accounts.user")
    assert created.count() == User.objects.count()


def test_the_arabic_and_chinese_demo_tenants_read_their_home_in_their_language(seeded, client):
    """Issue 12: two demo households read CASA in a language of their own, from the register:
    Arabic right to left, Chinese."""
    from django.urls import reverse

    for local, language, direction in (("tenant.arabo", "ar", "rtl"),
                                       ("tenant.cinese", "zh-hans", "ltr")):
        tenant = User.objects.get(email=demo_email(local))
        client.force_login(tenant)
        page = client.get(reverse("portal:my_home")).content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in page, local
        client.logout()
