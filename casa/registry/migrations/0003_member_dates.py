"""Members become dated memberships: started_on, ended_on, and at most one current membership
per fiscal code instead of one row per fiscal code."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def start_with_the_tenancy(apps, schema_editor):
    """The members imported so far came with their household: they are members since its
    tenancy started (the best date the register gives), and none has ended."""
    Household = apps.get_model("registry", "Household")
    Member = apps.get_model("registry", "Member")
    Member.objects.update(started_on=Subquery(
        Household.objects.filter(pk=OuterRef("household_id")).values("tenancy_start")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0002_member_search_name_member_search_name_reversed_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='ended_on',
            field=models.DateField(blank=True, null=True, verbose_name='member until'),
        ),
        migrations.AddField(
            model_name='member',
            name='started_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='member since'),
        ),
        migrations.RunPython(start_with_the_tenancy, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='member',
            name='fiscal_code',
            field=models.CharField(db_index=True, max_length=16, verbose_name='fiscal code'),
        ),
        migrations.AddConstraint(
            model_name='member',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True)), fields=('fiscal_code',), name='member_one_current_membership'),
        ),
        migrations.AddConstraint(
            model_name='member',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='member_ends_after_it_starts'),
        ),
    ]
