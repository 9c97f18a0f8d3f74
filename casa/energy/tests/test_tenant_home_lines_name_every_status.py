"""Every status of an application has a place and plain words on the tenant's home, so a new
status cannot appear there as an officer's term."""

from casa.energy.home import NEEDS_ANSWER, REJECTED, SUBMITTED, TENANT_STATUS
from casa.energy.models import ApplicationStatus


def test_every_application_status_has_a_tenant_label():
    assert set(TENANT_STATUS) == set(ApplicationStatus.values)
    assert all(str(label) for _state, label in TENANT_STATUS.values())


def test_a_tenant_is_asked_to_act_only_when_information_is_needed_or_to_appeal():
    places = {status: state for status, (state, _label) in TENANT_STATUS.items()}
    assert places[ApplicationStatus.NEEDS_INFORMATION] == NEEDS_ANSWER
    assert places[ApplicationStatus.REJECTED] == REJECTED
    # Not final until the second person confirms: the tenant sees it still being checked.
    assert places[ApplicationStatus.AWAITING_CONFIRMATION] == SUBMITTED
