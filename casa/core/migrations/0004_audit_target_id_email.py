# Account e-mails are record codes in the audit trail (AuditEvent.target_id): widened to the
# 254 characters an address may have. On PostgreSQL a longer varchar is a catalog change only.


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_audit_search_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='target_id',
            field=models.CharField(max_length=254, verbose_name='record'),
        ),
    ]
