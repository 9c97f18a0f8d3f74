"""Dismissing an appeal keeps the decision: a decision on appeal with the same outcome and the
officer's note, nothing committed, the tenant told why."""

import pytest
from django.core.exceptions import ValidationError

from casa.core.models import AuditEvent
from casa.energy.appeals import appeal_decide, appeal_file, can_appeal
from casa.energy.decisions import application_decide
from casa.energy.models import AppealStatus, ApplicationStatus, BudgetEntry, DecisionKind
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give
from .review_helpers import application, review_call

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_dismissing_keeps_the_rejection_and_tells_the_tenant_why(register, make_user, english):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    home = register["households"]["H001"]
    give(home, isee="20000.00", charge="200.00")  # ISEE above the call's ceiling
    app = application(review_call(), home, submitter=tenant)
    application_decide(application=app, approve=False, acting_user=make_user("benefit_officer"))
    appeal = appeal_file(application=app, reason="My ISEE is lower now.", acting_user=tenant)
    officer = make_user("benefit_officer")

    with pytest.raises(ValidationError, match="dismissed"):
        appeal_decide(appeal=appeal, uphold=False, note=" ", acting_user=officer)
    with pytest.raises(ValidationError, match="not eligible"):
        appeal_decide(appeal=appeal, uphold=True, note="", acting_user=officer)
    decision = appeal_decide(appeal=appeal, uphold=False,
                             note="No newer ISEE was declared.", acting_user=officer)

    app.refresh_from_db()
    appeal.refresh_from_db()
    assert app.status == ApplicationStatus.REJECTED
    assert decision.kind == DecisionKind.APPEAL and decision.outcome == ApplicationStatus.REJECTED
    assert decision.reasons == ["isee_out_of_range"]
    assert appeal.status == AppealStatus.DECIDED and appeal.upheld is False
    assert not BudgetEntry.objects.exists()
    assert AuditEvent.objects.filter(note="appeal decided", actor=officer).exists()
    message = Message.objects.get(household=home, kind="energy.appeal_decision", channel="app")
    assert "Non abbiamo accolto il tuo ricorso" in message.body  # the household speaks Italian
    assert "No newer ISEE was declared." in message.body
    assert can_appeal(app) is None  # a decision on appeal is not appealed again
    with pytest.raises(ValidationError, match="already been decided"):
        appeal_decide(appeal=appeal, uphold=False, note="Again.", acting_user=officer)
