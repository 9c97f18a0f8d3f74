"""An appeal is decided by an officer who took no part in the decision under appeal: the
officer who decided it and the approver who confirmed it are refused, and so is a tenant."""

import pytest
from django.core.exceptions import PermissionDenied

from casa.energy.appeals import appeal_decide, appeal_file, may_decide
from casa.energy.decisions import application_confirm, application_decide
from casa.energy.models import AppealStatus, ApplicationStatus
from conftest import FISCAL_CODES

from .backoffice import give
from .review_helpers import application, review_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant_app(register, make_user):
    def build(**call):
        tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
        household = register["households"]["H001"]
        give(household, isee="12000.00", charge="200.00")
        return application(review_call(**call), household, submitter=tenant), tenant
    return build


def test_the_officer_who_rejected_cannot_decide_the_appeal_another_can(tenant_app, make_user,
                                                                       english):
    app, tenant = tenant_app()
    officer, other = make_user("benefit_officer"), make_user("benefit_officer")
    application_decide(application=app, approve=False, note="No.", acting_user=officer)
    appeal = appeal_file(application=app, reason="Why not?", acting_user=tenant)

    assert not may_decide(appeal, officer) and may_decide(appeal, other)
    with pytest.raises(PermissionDenied, match="different officer"):
        appeal_decide(appeal=appeal, uphold=True, note="", acting_user=officer)
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OPEN

    appeal_decide(appeal=appeal, uphold=True, note="The charge was right.", acting_user=other)

    appeal.refresh_from_db()
    app.refresh_from_db()
    assert appeal.status == AppealStatus.DECIDED and appeal.decided_by == other
    assert app.status == ApplicationStatus.APPROVED


def test_the_approver_who_confirmed_cannot_decide_the_appeal(tenant_app, make_user):
    app, tenant = tenant_app(four_eyes_above="50.00")
    officer, approver = make_user("benefit_officer"), make_user("approver")
    application_decide(application=app, approve=True, acting_user=officer)
    application_confirm(application=app, acting_user=approver)
    app.refresh_from_db()
    appeal = appeal_file(application=app, reason="The amount is too low.", acting_user=tenant)

    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, uphold=False, note="No.", acting_user=approver)


def test_a_tenant_cannot_decide_an_appeal(tenant_app, make_user):
    app, tenant = tenant_app()
    application_decide(application=app, approve=False, note="No.",
                       acting_user=make_user("benefit_officer"))
    appeal = appeal_file(application=app, reason="Why not?", acting_user=tenant)

    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, uphold=True, note="", acting_user=tenant)
