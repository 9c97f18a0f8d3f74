"""A hub's closure and a staff member's absence are both days off the desk (models.Span): the
same checks on their days and reason, the same audit trail when they are added and removed (a
closure's public reason in it, an absence's not), the same refusal by the database of one that
ends before it starts, and the same reads of the spans that overlap some days."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casa.core.models import AuditEvent
from casa.hubs import selectors, services
from casa.hubs.models import Absence, Closure

AUGUST = dt.date(2027, 8, 2)


@pytest.fixture
def hub(register):
    return register["hubs"]["san-siro"]


@pytest.fixture
def manager(hub, make_user):
    return make_user("community_manager", hubs=[hub], email="chiara@example.invalid")


def add(kind, hub, manager, starts_on, ends_on, reason="Ferie"):
    if kind == "closure":
        return services.closure_add(hub=hub, starts_on=starts_on, ends_on=ends_on,
                                    reason=reason, acting_user=manager)
    return services.absence_add(user=manager, starts_on=starts_on, ends_on=ends_on,
                                reason=reason, acting_user=manager)


@pytest.mark.parametrize("kind", ["closure", "absence"])
@pytest.mark.parametrize(("starts_on", "ends_on", "reason", "code"), [
    (AUGUST, AUGUST - dt.timedelta(days=1), "Ferie", "order"),
    (AUGUST, AUGUST + dt.timedelta(days=367), "Ferie", "too_long"),
    (AUGUST, AUGUST, "   ", "reason"),
])
def test_bad_days_or_no_reason_are_refused_for_both(hub, manager, kind, starts_on, ends_on,
                                                    reason, code):
    with pytest.raises(ValidationError) as refused:
        add(kind, hub, manager, starts_on, ends_on, reason)
    assert refused.value.code == code
    assert not Closure.objects.exists() and not Absence.objects.exists()
    assert not AuditEvent.objects.filter(target_type__in=["hubs.closure", "hubs.absence"])


def test_both_are_audited_when_added_and_removed_a_closures_reason_only(hub, manager):
    closure = add("closure", hub, manager, AUGUST, AUGUST + dt.timedelta(days=18),
                  " Chiusura estiva ")
    absence = add("absence", hub, manager, AUGUST, AUGUST, "Visita medica")
    services.closure_remove(closure=closure, acting_user=manager)
    services.absence_remove(absence=absence, acting_user=manager)

    facts = [(event.target_type, event.action, event.changes, event.note, event.actor_label)
             for event in AuditEvent.objects.filter(
                 target_type__in=["hubs.closure", "hubs.absence"]).order_by("pk")]
    closed = {"from": "2027-08-02", "to": "2027-08-20", "reason": "Chiusura estiva"}
    away = {"from": "2027-08-02", "to": "2027-08-02"}
    assert [fact[:4] for fact in facts] == [
        ("hubs.closure", "create", closed, "san-siro"),
        ("hubs.absence", "create", away, "chiara@example.invalid"),
        ("hubs.closure", "delete", closed, "san-siro"),
        ("hubs.absence", "delete", away, "chiara@example.invalid"),
    ]
    assert (closure.reason, closure.created_by, absence.created_by) == (
        "Chiusura estiva", manager, manager)


@pytest.mark.parametrize("model", [Closure, Absence])
def test_the_database_refuses_either_ending_before_it_starts(hub, manager, model):
    owner = {"hub": hub} if model is Closure else {"user": manager}
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(starts_on=AUGUST, ends_on=AUGUST - dt.timedelta(days=1),
                             reason="x", **owner)


def test_the_spans_overlapping_some_days_are_read_alike(hub, manager):
    add("closure", hub, manager, AUGUST, AUGUST + dt.timedelta(days=4))
    add("absence", hub, manager, AUGUST + dt.timedelta(days=4), AUGUST + dt.timedelta(days=6))
    before, first, last = (AUGUST - dt.timedelta(days=1), AUGUST + dt.timedelta(days=4),
                           AUGUST + dt.timedelta(days=7))

    assert selectors.closure_spans(hub, before, before) == []
    assert [span[:2] for span in selectors.closure_spans(hub, first, last)] == [
        (AUGUST, AUGUST + dt.timedelta(days=4))]
    assert list(selectors.absence_spans([manager.pk], first, first)) == [manager.pk]
    assert selectors.absence_spans([manager.pk], last, last) == {}
    assert len(selectors.upcoming_closures(hub, first)) == 1
    assert selectors.upcoming_closures(hub, first + dt.timedelta(days=1)) == []
    assert len(selectors.absences_of(manager, last - dt.timedelta(days=1))) == 1
    assert selectors.absences_of(manager, last) == []
