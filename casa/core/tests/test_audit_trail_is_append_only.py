import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from casa.core.audit import AuditAction, audit_record
from casa.core.models import AuditEvent


def test_an_audit_event_cannot_be_changed_or_deleted_through_the_orm(register, make_user):
    officer = make_user("benefit_officer")
    event = audit_record(actor=officer, action=AuditAction.VIEW,
                         target=register["households"]["H001"])
    assert event.subject == "household:H001"
    assert event.actor_label == officer.email

    event.note = "tampered"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(note="tampered")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database triggers on PostgreSQL")
def test_postgresql_refuses_changing_the_audit_trail_in_sql(register, make_user):
    event = audit_record(actor=make_user("auditor"), action=AuditAction.VIEW,
                         target=register["households"]["H001"])
    for sql in ("UPDATE core_auditevent SET note = 'x' WHERE id = %s",
                "DELETE FROM core_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, note="").exists()
