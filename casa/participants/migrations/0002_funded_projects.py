"""The six funded projects of CASA NEXT and CASA OLTRE (casa/participants/projects.py), and
their hubs where the hubs already exist: a database with no hubs yet gets them assigned later
(after the next migrate, or by seed_demo)."""

from django.db import migrations

# Frozen here as created: later edits of projects.py do not rewrite history.
PROJECTS = (
    ("next-centro-est", "next", "CASA NEXT Centro-Est", "2025-01-01", "2027-12-31"),
    ("next-sud", "next", "CASA NEXT Sud e Rozzano", "2025-01-01", "2027-12-31"),
    ("next-nord", "next", "CASA NEXT Nord e Cinisello", "2025-01-01", "2027-12-31"),
    ("oltre-salomone", "oltre", "CASA OLTRE Salomone", "2025-07-01", "2028-06-30"),
    ("oltre-san-siro", "oltre", "CASA OLTRE San Siro", "2025-07-01", "2028-06-30"),
    ("oltre-lorenteggio", "oltre", "CASA OLTRE Lorenteggio", "2025-07-01", "2028-06-30"),
)


def create_projects(apps, schema_editor):
    from casa.participants.projects import assign_hubs

    FundedProject = apps.get_model("participants", "FundedProject")
    for code, line, name, start, end in PROJECTS:
        FundedProject.objects.get_or_create(
            code=code, defaults={"line": line, "name": name, "starts_on": start,
                                 "ends_on": end})
    assign_hubs(FundedProject, apps.get_model("participants", "ProjectHub"),
                apps.get_model("registry", "Hub"))


class Migration(migrations.Migration):

    dependencies = [
        ("participants", "0001_participants"),
    ]

    operations = [
        migrations.RunPython(create_projects, migrations.RunPython.noop),
    ]
