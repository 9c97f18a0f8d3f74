"""Participants are kept as long as the ESF+ audit rules require (casa/participants/
retention.py): five years from 31 December of the year the project ends, never less; then
pseudonymised, keeping the counts. Indicator snapshots are never changed by retention, nor by
a consent withdrawn afterwards."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from casa.core import retention
from casa.participants import services
from casa.participants.models import IndicatorSnapshot, Participant

from .helpers import support

pytestmark = pytest.mark.django_db

POLICY = "participants.participant"
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def at(day):
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture
def participant(projects, register, person):
    project = projects["oltre-san-siro"]
    project.ends_on = dt.date(2027, 6, 30)
    project.save()
    support(person(), register["hubs"]["san-siro"], dt.date(2026, 3, 2), source="test:1")
    return Participant.objects.get()


def test_kept_until_five_years_after_the_end_of_the_projects_last_year(participant):
    policy = retention.POLICIES[POLICY]
    # The project ends in 2027: kept through 31 December 2032.
    assert retention.apply(policy, now=at(dt.date(2032, 12, 31))).done == 0
    participant.refresh_from_db()
    assert participant.fiscal_code.startswith("PRTCPN")

    assert retention.apply(policy, now=at(dt.date(2033, 1, 1))).done == 1
    participant.refresh_from_db()
    assert participant.fiscal_code == f"#{participant.pk}"
    assert participant.member is None
    assert participant.birth_date == dt.date(1980, 1, 1)  # its year only
    # What the counts need stays.
    assert (participant.project.code, participant.entry_date) == ("oltre-san-siro",
                                                                  dt.date(2026, 3, 2))
    assert retention.apply(policy, now=at(dt.date(2040, 1, 1))).done == 0


def test_no_setting_keeps_participants_less_than_the_funds_period(participant, settings):
    settings.CASA_RETENTION_MONTHS = {POLICY: 12}
    with pytest.raises(ImproperlyConfigured, match="at least 60 months"):
        retention.apply(retention.POLICIES[POLICY], now=at(dt.date(2029, 1, 1)))
    participant.refresh_from_db()
    assert participant.fiscal_code.startswith("PRTCPN")


def test_a_snapshot_stays_the_same_after_retention_and_consent_withdrawal(participant, admin,
                                                                          projects, make_user):
    project = projects["oltre-san-siro"]
    services.consent_record(participant=participant, given=True, how="signed_form",
                            acting_user=admin)
    services.special_categories_set(participant=participant, values={"disability": True},
                                    acting_user=admin)
    snapshot = services.snapshot_take(acting_user=make_user("programme_manager"),
                                      project=project, period=PERIOD)
    before = IndicatorSnapshot.objects.values().get(pk=snapshot.pk)

    services.consent_withdraw(participant=participant, acting_user=admin)
    retention.apply_all(now=at(dt.date(2045, 1, 1)))

    assert Participant.objects.get().fiscal_code.startswith("#")
    assert IndicatorSnapshot.objects.values().get(pk=snapshot.pk) == before
    assert before["figures"]["disability"] == {"count": 1, "missing": 0}
