"""The workflow is a table (models.ALLOWED_TRANSITIONS): a change it does not allow is refused
with a clear message and changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from casa.energy.decisions import (
    application_decide,
    application_request_information,
    application_start_review,
)
from casa.energy.models import ApplicationStatus

from .review_helpers import application, household, review_call

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_an_approved_application_cannot_be_decided_again(make_user, english):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)
    application_decide(application=app, approve=True, note="", acting_user=officer)

    with pytest.raises(ValidationError, match="only a submitted application"):
        application_decide(application=app, approve=False, note="no", acting_user=officer)
    with pytest.raises(ValidationError, match="cannot start"):
        application_start_review(application=app, acting_user=officer)
    app.refresh_from_db()
    assert app.status == S.APPROVED


def test_an_application_waiting_for_information_cannot_be_decided(make_user, english):
    officer = make_user("benefit_officer")
    app = application(review_call(), household(), submitter=officer)
    application_request_information(application=app, message="Send the new ISEE.",
                                    acting_user=officer)

    with pytest.raises(ValidationError, match="needs information"):
        application_decide(application=app, approve=True, note="", acting_user=officer)
    with pytest.raises(ValidationError, match="cannot become"):
        application_request_information(application=app, message="Again.",
                                        acting_user=officer)
