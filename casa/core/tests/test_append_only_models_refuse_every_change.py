"""Every log of CASA is append-only through one mechanism (casa/core/append_only.py): for each
model that inherits it, changing or removing a saved row is refused, by the row and by the
queryset; adding rows works. The logs that must be append-only are among them, so that a new
model copying its own guards, or a log losing its base, is caught here."""

import pytest
from django.apps import apps

from casa.core.append_only import AppendOnlyError, AppendOnlyModel
from casa.core.audit import audit_event
from casa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

MUST_BE_APPEND_ONLY = {"core.auditevent", "energy.statuschange", "reports.update",
                       "casework.contact", "casework.arrearsstep", "casework.handover"}


def append_only_models():
    return {model._meta.label_lower: model for model in apps.get_models()
            if issubclass(model, AppendOnlyModel)}


def test_the_logs_are_append_only_models():
    assert set(append_only_models()) >= MUST_BE_APPEND_ONLY


@pytest.mark.parametrize("label", sorted(MUST_BE_APPEND_ONLY))
def test_each_log_refuses_changes_through_its_querysets(label):
    model = append_only_models()[label]
    with pytest.raises(AppendOnlyError):
        model.objects.all().update(pk=0)
    with pytest.raises(AppendOnlyError):
        model.objects.all().delete()


def test_a_saved_row_cannot_be_saved_again_nor_deleted():
    event = audit_event(actor="test", action=AuditAction.CREATE, target_type="test",
                        target_id="1")
    event.save()
    event.note = "rewritten"

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""
