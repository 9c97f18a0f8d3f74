"""The categories tenants choose from, with their target times, teams and urgency
(casa/reports/categories.py). Administrators change them in the admin afterwards; a second run
leaves existing ones as they are."""

from django.db import migrations

from casa.reports.categories import DEFAULTS


def create(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    for order, (code, (name, hours, team, urgent)) in enumerate(DEFAULTS.items()):
        Category.objects.get_or_create(code=code, defaults={
            "name": str(name), "target_hours": hours, "team": str(team), "urgent": urgent,
            "order": order})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_problem_reports")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
