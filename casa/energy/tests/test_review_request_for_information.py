"""An officer asks the tenant for information: the application waits for the answer, the
tenant gets the request's text, and the back office reads it from the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from casa.energy.decisions import application_request_information, application_start_review
from casa.energy.models import ApplicationStatus
from casa.energy.workflow import latest_information_request
from casa.notifications.models import Message

from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db


def test_a_request_for_information_reaches_the_tenant_and_sets_the_status(make_user):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)
    application_start_review(application=app, acting_user=officer)

    application_request_information(
        application=app, message="Please send the ISEE corrente issued in October.",
        acting_user=officer)

    app.refresh_from_db()
    assert app.status == ApplicationStatus.NEEDS_INFORMATION
    message = Message.objects.get(household=app.household, kind="energy.information_request",
                                  channel="app")
    assert "ISEE corrente issued in October" in message.body
    request = latest_information_request(app)
    assert request.reason == "Please send the ISEE corrente issued in October."
    assert (request.actor, request.from_status) == (officer, ApplicationStatus.UNDER_REVIEW)


def test_a_request_needs_a_text(make_user):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)
    with pytest.raises(ValidationError):
        application_request_information(application=app, message=" ", acting_user=officer)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
