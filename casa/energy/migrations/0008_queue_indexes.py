# The review queue's indexes (issue 7): its views filter applications by status and leave out
# those the user filed at a desk, oldest first, and sort them by ISEE or amount, reading
# indexes alone instead of the wide rows (each carries the rule's trace); each row's
# shared-IBAN check is a lookup.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('energy', '0007_parameter_labels'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['status', 'channel', 'submitted_by', 'submitted_at'],
                               include=['id'], name='energy_application_queue_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['isee_used_eur'], name='energy_application_isee_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['approved_amount_eur', 'expected_amount_eur'],
                               name='energy_application_amount_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['iban'], name='energy_application_iban_idx'),
        ),
    ]
