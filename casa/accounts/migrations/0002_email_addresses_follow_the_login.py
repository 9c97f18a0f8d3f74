"""Every account's e-mail becomes a verified, primary allauth address, and addresses that are
not an account's e-mail go (services.user_email_address_sync keeps it so from now on): an
address added at /accounts/email/ and never confirmed no longer logs in nor receives a password
reset."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user_id, email in User.objects.values_list("id", "email").iterator():
        email = email.strip().lower()
        EmailAddress.objects.filter(user_id=user_id).exclude(email=email).delete()
        EmailAddress.objects.filter(email=email).exclude(user_id=user_id).delete()
        EmailAddress.objects.update_or_create(user_id=user_id, email=email,
                                              defaults={"verified": True, "primary": True})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
