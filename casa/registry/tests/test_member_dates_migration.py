"""The migration to dated memberships: the members already imported start with their
household's tenancy and have not ended.

The migration's data step is called on today's models, which still have every field it reads
and writes. Migrating a database back to registry 0002 and forward again, as this test once did,
unapplied and reapplied nearly every app's migrations: two minutes of CI for one UPDATE (the
schema steps run whenever a test database is made)."""

import datetime as dt
import importlib

from django.apps import apps

from casa.registry.models import Member

migration = importlib.import_module("casa.registry.migrations.0003_member_dates")


def test_existing_members_start_with_the_tenancy_and_are_current(register):
    Member.objects.update(started_on=dt.date(2026, 11, 1))  # the field's default: today

    migration.start_with_the_tenancy(apps, schema_editor=None)

    starts = {member.household.code: (member.started_on, member.ended_on)
              for member in Member.objects.select_related("household")}
    assert starts == {code: (household.tenancy_start, None)
                      for code, household in register["households"].items()}
