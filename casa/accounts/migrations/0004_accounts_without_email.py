"""A tenant's account may have no e-mail (issue 13: SPID/CIE may assert none): the e-mail is
NULL then, never "" (unique holds for many NULLs); and the mobile number the identity provider
asserts, for SMS."""

import casa.core.text
from django.db import migrations, models


def empty_to_null(apps, schema_editor):
    apps.get_model("accounts", "User").objects.filter(email="").update(email=None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_social_coordinator_role'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='mobile_phone',
            field=models.CharField(blank=True, max_length=32, validators=[casa.core.text.validate_phone], verbose_name='mobile phone'),
        ),
        migrations.AlterField(
            model_name='user',
            name='email',
            field=models.EmailField(blank=True, max_length=254, null=True, unique=True, verbose_name='e-mail address'),
        ),
        migrations.RunPython(empty_to_null, migrations.RunPython.noop),
    ]
