"""Indexes for searching the audit trail (casa/core/audit_search.py): each filter starts from
an index ending in the time, read newest first. (actor, at) and (subject, at) replace the
single-column indexes on actor and subject; (target_id, at) replaces (target_type, target_id).

The trail holds millions of rows and every page view writes to it: on PostgreSQL the new
indexes are built CONCURRENTLY (no write lock), before the old ones are dropped, so searches
stay indexed throughout. Hence a non-atomic migration."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(migrations.AddIndex):
    """AddIndex, built without blocking writes where the database can (PostgreSQL)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.add_index(model, self.index, concurrently=True)
            else:
                schema_editor.add_index(model, self.index)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('core', '0002_audit_append_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name='auditevent',
            index=models.Index(fields=['actor', 'at'], name='audit_actor_at_idx'),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name='auditevent',
            index=models.Index(fields=['subject', 'at'], name='audit_subject_at_idx'),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name='auditevent',
            index=models.Index(fields=['target_id', 'at'], name='audit_target_id_at_idx'),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name='auditevent',
            index=models.Index(fields=['target_type', 'action', 'at'],
                               name='audit_type_action_at_idx'),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name='auditevent',
            index=models.Index(fields=['action', 'at'], name='audit_action_at_idx'),
        ),
        migrations.RemoveIndex(
            model_name='auditevent',
            name='core_audite_target__8673ce_idx',
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='subject',
            field=models.CharField(blank=True, max_length=80, verbose_name='subject'),
        ),
    ]
