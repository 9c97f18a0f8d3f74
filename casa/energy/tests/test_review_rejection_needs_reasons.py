"""A rejection states its reasons (the rule's, or the officer's words) and tells the tenant;
an application the rule finds not eligible cannot be approved."""

import pytest
from django.core.exceptions import ValidationError

from casa.energy.decisions import application_decide
from casa.energy.models import ApplicationStatus, Decision
from casa.notifications.models import Message

from .review_helpers import application, household, review_call

# These tests check the wording of messages, in English (Italian is the default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_rejecting_an_eligible_application_needs_the_officers_reasons(make_user):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)

    with pytest.raises(ValidationError, match="reasons"):
        application_decide(application=app, approve=False, note="  ", acting_user=officer)

    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert not Decision.objects.exists()


def test_a_rejection_with_reasons_is_recorded_and_the_tenant_is_told(make_user, english):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)

    decision = application_decide(application=app, approve=False,
                                  note="The declared ISEE belongs to another household.",
                                  acting_user=officer)

    app.refresh_from_db()
    assert app.status == ApplicationStatus.REJECTED
    assert decision.outcome == ApplicationStatus.REJECTED and decision.amount_eur == 0
    message = Message.objects.get(household=app.household, kind="energy.decision",
                                  channel="app")
    assert "another household" in message.body


def test_the_rules_reasons_are_enough_to_reject_and_reach_the_tenant(make_user):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(isee="20000.00"), submitter=officer)

    decision = application_decide(application=app, approve=False, note="", acting_user=officer)

    assert decision.reasons == ["isee_out_of_range"]
    message = Message.objects.get(household=app.household, kind="energy.decision",
                                  channel="app")
    app.household.refresh_from_db()
    assert "ISEE" in message.body


def test_an_application_the_rule_finds_not_eligible_cannot_be_approved(make_user, english):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(isee="20000.00"), submitter=officer)

    with pytest.raises(ValidationError, match="not eligible"):
        application_decide(application=app, approve=True, note="", acting_user=officer)

    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
