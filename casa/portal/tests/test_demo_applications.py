"""`seed_demo` fills the back office: applications of the demo call in every state, made by the
real services; running it twice creates nothing twice; one demo tenant has not applied yet and
can try it."""

from io import StringIO

import pytest
from django.core.management import call_command

from casa.accounts.models import User
from casa.core.models import AuditEvent
from casa.energy.applying import DECLARATION_CODES, application_submit, needs_iban
from casa.energy.demo import DEMO_CALL_CODE, demo_iban
from casa.energy.models import (
    Application,
    ApplicationStatus,
    Call,
    Channel,
    Decision,
    Invitation,
    PaymentLine,
    PaymentRun,
)
from casa.energy.payments import unpaid_applications
from casa.portal.management.commands.seed_demo import APPLYING_TENANTS, demo_email
from casa.registry.models import Member

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = pytest.mark.usefixtures("english")

S = ApplicationStatus
HOUSEHOLDS = "400"


# seed_demo once for this module (casa/portal/tests/conftest.py: demo_seed, seeded).
SEED_ARGS = ["--households", HOUSEHOLDS]
SEED_LANGUAGE = "en"


def household_of(user):
    return Member.objects.get(fiscal_code=user.fiscal_code, household__tenancy_end=None).household


def test_the_demo_call_has_applications_in_every_state(seeded):
    call = Call.objects.get(code=DEMO_CALL_CODE)
    statuses = set(Application.objects.filter(call=call).values_list("status", flat=True))
    assert {S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.AWAITING_CONFIRMATION,
            S.APPROVED, S.REJECTED, S.PAID} <= statuses
    # Some approved ones are still to pay, some of them by bank transfer.
    unpaid = list(unpaid_applications(call))
    assert len(unpaid) >= 2
    assert all(application.status == S.APPROVED for application in unpaid)
    assert Application.objects.filter(call=call, status=S.APPROVED).exclude(iban="").exists()
    assert PaymentRun.objects.filter(call=call).count() == 1
    assert PaymentLine.objects.count() == Application.objects.filter(status=S.PAID).count()
    # Rejections carry the rule's reasons; awaiting confirmation is above the threshold.
    for application in Application.objects.filter(status=S.REJECTED):
        assert application.decisions.get().reasons
    for application in Application.objects.filter(status=S.AWAITING_CONFIRMATION):
        assert application.decisions.get().amount_eur > call.four_eyes_above_eur
    # Made at the desk by a community manager and online by the demo tenants.
    assert {Channel.ASSISTED, Channel.ONLINE} <= set(
        Application.objects.values_list("channel", flat=True))
    assert "Applications to energia-2025-26" in seeded


def test_a_demo_tenant_has_an_application_and_the_login_table_says_which(seeded):
    tenant = User.objects.get(email=demo_email(APPLYING_TENANTS[0]))
    application = Application.objects.get(household=household_of(tenant))
    assert application.channel == Channel.ONLINE
    assert application.submitted_by == tenant
    assert application.status == S.PAID
    asked = User.objects.get(email=demo_email(APPLYING_TENANTS[1]))
    assert Application.objects.get(household=household_of(asked)).status == S.NEEDS_INFORMATION
    line = next(line for line in seeded.splitlines() if tenant.email in line)
    assert str(application.get_status_display()) in line


def test_a_second_run_creates_nothing_twice(seeded):
    counts = (Application.objects.count(), Decision.objects.count(),
              PaymentLine.objects.count(), AuditEvent.objects.count())
    call_command("seed_demo", "--households", HOUSEHOLDS, stdout=StringIO())
    assert (Application.objects.count(), Decision.objects.count(),
            PaymentLine.objects.count(), AuditEvent.objects.count()) == counts


def test_the_newcomer_tenant_has_not_applied_and_can_apply(seeded):
    newcomers = User.objects.filter(role="tenant").exclude(
        email__in=[demo_email(local) for local in APPLYING_TENANTS])
    assert newcomers.exists()
    tenant = newcomers.first()
    household = household_of(tenant)
    assert not Application.objects.filter(household=household).exists()
    assert Invitation.objects.filter(household=household, call__code=DEMO_CALL_CODE).exists()
    line = next(line for line in seeded.splitlines() if tenant.email in line)
    assert "no application yet" in line
    application = application_submit(
        call=Call.objects.get(code=DEMO_CALL_CODE), household=household, acting_user=tenant,
        channel=Channel.ONLINE, declarations=DECLARATION_CODES,
        iban=demo_iban(1) if needs_iban(household) else "")
    assert application.status == S.SUBMITTED
    assert application.reasons == []
    assert application.expected_amount_eur > 0
