"""Special categories are recorded only with consent in force; withdrawing consent removes them
and they are no longer counted, while a snapshot taken before keeps the figure reported."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from casa.core.models import AuditEvent
from casa.participants import services
from casa.participants.models import Participant
from casa.participants.selectors import indicators

from .helpers import support

pytestmark = pytest.mark.django_db

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@pytest.fixture
def participant(projects, register, person):
    support(person(), register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="test:1")
    return Participant.objects.get()


def test_special_categories_need_consent(participant, admin, english):
    with pytest.raises(ValidationError) as refused:
        services.special_categories_set(participant=participant, values={"disability": True},
                                        acting_user=admin)
    assert refused.value.messages == ["Special categories are recorded only with the "
                                      "participant's consent: record it first."]
    services.consent_record(participant=participant, given=False, how="oral",
                            acting_user=admin)
    with pytest.raises(ValidationError):
        services.special_categories_set(participant=participant, values={"disability": True},
                                        acting_user=admin)
    participant.refresh_from_db()
    assert participant.disability is None


def test_withdrawal_removes_them_from_then_on_and_the_snapshot_keeps_the_figure(
        participant, admin, projects, make_user):
    project = projects["oltre-san-siro"]
    manager = make_user("programme_manager")
    services.consent_record(participant=participant, given=True, how="signed_form",
                            acting_user=admin)
    services.special_categories_set(participant=participant,
                                    values={"disability": True, "homeless": True},
                                    acting_user=admin)
    assert indicators(project=project, period=PERIOD)["disability"] == {"count": 1,
                                                                        "missing": 0}
    snapshot = services.snapshot_take(acting_user=manager, project=project, period=PERIOD)

    consent = services.consent_withdraw(participant=participant, acting_user=admin)

    participant.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == admin
    assert (participant.disability, participant.homeless) == (None, None)
    now = indicators(project=project, period=PERIOD)
    assert now["disability"] == {"count": 0, "missing": 1}
    assert now["homeless"] == {"count": 0, "missing": 1}
    snapshot.refresh_from_db()
    assert snapshot.figures["disability"] == {"count": 1, "missing": 0}
    assert snapshot.figures["homeless"] == {"count": 1, "missing": 0}
    # The trail says the categories were removed, never what they were.
    event = AuditEvent.objects.filter(target_type="participants.consent").latest("at")
    assert event.changes == {"withdrawn": True, "special_categories": "removed"}
    # Consent given again: the removed values do not come back.
    services.consent_record(participant=participant, given=True, how="oral", acting_user=admin)
    participant.refresh_from_db()
    assert participant.disability is None


def test_a_second_consent_while_one_is_in_force_is_refused(participant, admin):
    services.consent_record(participant=participant, given=True, how="oral", acting_user=admin)
    with pytest.raises(ValidationError):
        services.consent_record(participant=participant, given=True, how="oral",
                                acting_user=admin)


def test_only_programme_managers_and_admins_take_snapshots(participant, make_user, projects):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.snapshot_take(acting_user=make_user("auditor"), period=PERIOD)
    with pytest.raises(ValidationError):
        services.snapshot_take(acting_user=make_user("admin"),
                               period=(PERIOD[1], PERIOD[0]))
