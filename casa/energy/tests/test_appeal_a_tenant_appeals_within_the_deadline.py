"""A tenant asks for a review of a rejection within the call's deadline, with their reasons:
the appeal is recorded, audited and acknowledged; after the deadline, without reasons, twice,
or for another household it is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casa.core.models import AuditEvent
from casa.energy.appeals import appeal_deadline, appeal_file, can_appeal
from casa.energy.decisions import application_decide
from casa.energy.models import Appeal, AppealStatus
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give
from .review_helpers import application, review_call

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def rejected(register, make_user):
    officer = make_user("benefit_officer")
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    household = register["households"]["H001"]
    give(household, isee="12000.00", charge="200.00")
    app = application(review_call(), household, submitter=tenant)
    decision = application_decide(application=app, approve=False,
                                  note="The heating charge looks wrong.", acting_user=officer)
    app.refresh_from_db()
    return app, decision, tenant


def test_the_tenant_appeals_a_rejection_and_gets_a_receipt(rejected, english):
    app, decision, tenant = rejected

    appeal = appeal_file(application=app, reason="My charge is 200 euro, see the bill.",
                         acting_user=tenant)

    assert appeal.status == AppealStatus.OPEN and appeal.decision == decision
    assert AuditEvent.objects.filter(note="appeal filed", actor=tenant).exists()
    message = Message.objects.get(household=app.household, kind="energy.appeal_receipt",
                                  channel="app")
    assert "see the bill" in message.body
    assert "ricorso" in message.subject  # in the household's language, Italian


def test_an_appeal_after_the_deadline_is_refused_with_the_date(rejected, english):
    app, decision, tenant = rejected
    deadline = appeal_deadline(decision)
    late = decision.decided_at + dt.timedelta(days=app.call.appeal_days + 1)

    with pytest.raises(ValidationError, match=deadline.strftime("%d/%m/%Y")):
        appeal_file(application=app, reason="Too late?", acting_user=tenant, now=late)

    assert can_appeal(app, now=late) is None
    assert not Appeal.objects.exists()


def test_an_appeal_on_the_last_day_is_accepted(rejected):
    app, decision, tenant = rejected
    last_day = decision.decided_at + dt.timedelta(days=app.call.appeal_days)

    appeal_file(application=app, reason="Just in time.", acting_user=tenant, now=last_day)

    assert Appeal.objects.count() == 1


def test_an_appeal_needs_reasons_and_is_filed_once(rejected, english):
    app, _decision, tenant = rejected

    with pytest.raises(ValidationError, match="why"):
        appeal_file(application=app, reason="   ", acting_user=tenant)
    appeal_file(application=app, reason="The charge is wrong.", acting_user=tenant)
    with pytest.raises(ValidationError, match="already"):
        appeal_file(application=app, reason="Again.", acting_user=tenant)

    assert Appeal.objects.count() == 1


def test_a_tenant_cannot_appeal_another_households_application(rejected, make_user):
    app, _decision, _tenant = rejected
    other = make_user("tenant", fiscal_code=FISCAL_CODES[1])  # household H002

    with pytest.raises(PermissionDenied):
        appeal_file(application=app, reason="Not mine.", acting_user=other)

    assert not Appeal.objects.exists()


def test_an_application_without_a_decision_cannot_be_appealed(register, make_user, english):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    household = register["households"]["H001"]
    give(household, isee="12000.00", charge="200.00")
    app = application(review_call(), household, submitter=tenant)

    with pytest.raises(ValidationError, match="no decision"):
        appeal_file(application=app, reason="Hurry up.", acting_user=tenant)
