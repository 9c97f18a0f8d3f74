"""The migration to dated memberships: the members already imported start with their
household's tenancy and have not ended."""

import datetime as dt

import pytest
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0002_member_search_name_member_search_name_reversed_and_more")]
AFTER = [("registry", "0003_member_dates")]


@pytest.mark.django_db(transaction=True)
def test_existing_members_start_with_the_tenancy_and_are_current():
    # As `migrate` does: the apps' pre- and post-migrate work (the home's triggers are dropped
    # first, or SQLite's table rebuilds trip over them; casa/portal/freshness.py).
    emit_pre_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    building = old.get_model("registry", "Building").objects.create(
        code="B1", address="Via Zamagna 5", municipality="Milano", heating="central",
        managed_by="aler")
    unit = old.get_model("registry", "Unit").objects.create(code="U1", building=building)
    household = old.get_model("registry", "Household").objects.create(
        code="H1", unit=unit, tenancy_start=dt.date(2015, 3, 1), rent_band="protezione")
    old.get_model("registry", "Member").objects.create(
        household=household, fiscal_code="RSSMRA80A01F205X", first_name="Mario",
        last_name="Rossi", birth_date=dt.date(1980, 1, 1), sex="M", relation="head",
        citizenship="IT")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    member = new.get_model("registry", "Member").objects.get()
    try:
        assert (member.started_on, member.ended_on) == (dt.date(2015, 3, 1), None)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
