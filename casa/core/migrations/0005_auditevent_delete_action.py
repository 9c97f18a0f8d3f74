# Deleting an account in the admin is an audit action of its own (casa/accounts/admin.py).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_audit_target_id_email'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('create', 'created'), ('update', 'updated'), ('end', 'ended'), ('view', 'viewed'), ('import', 'imported'), ('login', 'logged in'), ('login_failed', 'failed login'), ('delete', 'deleted')], max_length=32, verbose_name='what'),
        ),
    ]
