"""Which audit events a user may read: those about record types whose declared capability they
hold; auditors and administrators read everything; a record type no app declared is hidden from
everyone else (fail closed)."""

import pytest

from casa.core.access import readable_events
from casa.core.audit import audit_event
from casa.core.models import AuditEvent

TYPES = ["registry.household", "energy.application", "energy.paymentline",
         "notifications.message", "casework.note"]


@pytest.fixture
def events(db):
    for record_type in TYPES:
        audit_event(actor="test", action="create", target_type=record_type,
                    target_id=record_type, subject="household:H001").save()


def readable_types(user):
    return set(readable_events(user, AuditEvent.objects.filter(subject="household:H001"))
               .values_list("target_type", flat=True))


@pytest.mark.parametrize(("role", "types"), [
    ("auditor", set(TYPES)),
    ("admin", set(TYPES)),
    ("community_manager", {"registry.household", "energy.application",
                           "notifications.message"}),
    ("benefit_officer", {"registry.household", "energy.application", "energy.paymentline",
                         "notifications.message"}),
    ("care_staff", {"registry.household"}),
    ("tenant", set()),
])
def test_each_role_reads_the_events_of_the_record_types_it_may_read(events, make_user, role,
                                                                    types):
    assert readable_types(make_user(role)) == types


def test_an_anonymous_visitor_reads_nothing(events):
    from django.contrib.auth.models import AnonymousUser

    assert readable_types(AnonymousUser()) == set()


def test_without_a_queryset_every_event_is_filtered(events, make_user):
    assert not readable_events(make_user("care_staff")).filter(
        target_type="energy.application").exists()
