# The review queue flags an IBAN that other households give too: an index on the IBAN, so that
# each row's check is a lookup, not a scan of every application.
# Numbered 0008 for issue 7 (0007 is another branch's): the merge points it at the newest one.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('energy', '0006_decision_core'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['iban'], name='energy_application_iban_idx'),
        ),
    ]
