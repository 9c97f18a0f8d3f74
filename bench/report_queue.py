"""Benchmark of the staff's pages of problem reports on a large register: query counts and
times of the queue (with its common filters), a report's page and a building's page.

    .venv/bin/python bench/report_queue.py [--households 100000] [--reports 200000]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench_reports .venv/bin/python bench/...

Generates a register (casa.registry.demo) and imports it (casa.registry.importing) into a fresh
database (a temporary SQLite file by default; with a PostgreSQL DATABASE_URL it DROPS and
re-creates that database: use a dedicated one). Then writes `--reports` reports with
bulk_create, as report_create would leave them but for their history (the pages measured do
not read it; each report's page does, and its report has its history): spread over two
years, over the buildings with a Spazio CASA, a third about a flat (for its household), in
the categories' mix of urgency and target times; a fifth of them open (new, taken in charge,
sent to maintenance, in progress, waiting), the others resolved, closed, rejected or merged.

Prints, for each page, the number of queries and the median and 95th percentile of whole
requests through Django's test client (session, rendering and audit event included).
"""

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from imported_register import set_up_with_register, timed  # noqa: E402

OPEN_SHARE = 0.20
OPEN_MIX = (("new", 0.35), ("taken", 0.25), ("maintenance", 0.2), ("in_progress", 0.1),
            ("waiting", 0.1))
ENDED_MIX = (("closed", 0.8), ("resolved", 0.08), ("rejected", 0.07), ("merged", 0.05))
FLAT_SHARE = 1 / 3
COMMON = ("entrance", "courtyard", "cellar", "garage", "roof", "other_common")
BATCH = 10_000


def pick(rng, mix):
    value, threshold = rng.random(), 0.0
    for name, share in mix:
        threshold += share
        if value < threshold:
            return name
    return mix[-1][0]


def build_reports(*, count, seed, reporter, staff):
    """`count` reports written with bulk_create (see the module's docstring)."""
    from django.utils import timezone

    from casa.registry.models import Building, Household
    from casa.reports.models import Category, Report
    from casa.reports.rules import due_at

    rng = random.Random(seed)
    categories = list(Category.objects.all())
    buildings = list(Building.objects.filter(hub__isnull=False).values_list("pk", "hub_id"))
    households = {}
    for pk, unit_id, building_id in Household.objects.filter(
            tenancy_end__isnull=True, unit__building__hub__isnull=False).values_list(
            "pk", "unit_id", "unit__building_id"):
        households.setdefault(building_id, []).append((pk, unit_id))
    now = timezone.now()
    span = dt.timedelta(days=730).total_seconds()
    written, batch = 0, []
    while written < count:
        building_id, hub_id = rng.choice(buildings)
        category = rng.choice(categories)
        created = now - dt.timedelta(seconds=span * rng.random() ** 2)  # more of them lately
        household = unit = None
        place = rng.choice(COMMON)
        if rng.random() < FLAT_SHARE and households.get(building_id):
            household, unit = rng.choice(households[building_id])
            place = "flat"
        ended = rng.random() >= OPEN_SHARE
        status = pick(rng, ENDED_MIX if ended else OPEN_MIX)
        if status == "merged":
            status = "closed"  # a merged report names another: closed keeps the data simple
        assignees = staff.get(hub_id, [])
        batch.append(Report(
            category=category, building_id=building_id, unit_id=unit, place=place,
            description="Segnalazione generata per il benchmark.", household_id=household,
            reported_by=reporter, on_behalf=household is None, status=status,
            urgent=category.urgent, team=category.team,
            assigned_to=rng.choice(assignees) if assignees and rng.random() < 0.5 else None,
            created_at=created, due_at=due_at(created, category.target_hours),
            resolved_at=created + dt.timedelta(days=2) if ended else None,
            closed_at=created + dt.timedelta(days=16) if status == "closed" else None))
        written += 1
        if len(batch) == BATCH or written == count:
            Report.objects.bulk_create(batch)
            batch = []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    set_up_with_register(prefix="casa-bench-reports-", households=args.households,
                         seed=args.seed)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from casa.accounts.models import Role, User
    from casa.registry.models import Building, Hub
    from casa.reports.models import Category, Report
    from casa.reports.services import report_create

    def user(role, email, hubs=()):
        person = User.objects.create_user(email=email, password=None, role=role,
                                          first_name="Bench", last_name=role)
        person.hubs.set(hubs)
        return person

    hub = Hub.objects.get(code="san-siro")
    manager = user(Role.COMMUNITY_MANAGER, "cm@bench.invalid", [hub])
    programme = user(Role.PROGRAMME_MANAGER, "pm@bench.invalid")
    staff = {other.pk: [user(Role.COMMUNITY_MANAGER, f"cm-{other.code}-{n}@bench.invalid",
                             [other]) for n in range(3)] for other in Hub.objects.all()}
    connection.force_debug_cursor = False
    started = time.perf_counter()
    build_reports(count=args.reports, seed=args.seed, reporter=programme, staff=staff)
    print(f"{Report.objects.count():,} reports written in {time.perf_counter() - started:.0f} s",
          flush=True)
    if connection.vendor == "postgresql":
        # Steady state: autovacuum analyzes a table after many inserts.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    # A report with its history, through the service, in the manager's hub; its building.
    building = (Building.objects.filter(hub=hub)
                .order_by("-problem_reports__id").first())
    sample = report_create(category=Category.objects.get(code="lift"), place="courtyard",
                           description="Ascensore fermo.", acting_user=manager,
                           building=building)
    in_hub = Report.objects.filter(building__hub=hub).count()
    print(f"{in_hub:,} reports in {hub.name}; building {building.code} has "
          f"{building.problem_reports.count():,}", flush=True)

    queue_url = reverse("reports_staff:queue")
    pages = [
        ("queue: open (CM, one hub)", manager, queue_url, {}),
        ("queue: late (CM)", manager, queue_url, {"late": "on"}),
        ("queue: urgent (CM)", manager, queue_url, {"urgent": "on"}),
        ("queue: category lift, all (CM)", manager, queue_url,
         {"category": "lift", "status": "all"}),
        ("queue: building, open (CM)", manager, queue_url, {"building": building.code}),
        ("queue: all statuses, page 50 (CM)", manager, queue_url,
         {"status": "all", "page": "50"}),
        ("queue: open (PM, every hub)", programme, queue_url, {}),
        ("queue: late (PM)", programme, queue_url, {"late": "on"}),
        ("queue: closed, page 200 (PM)", programme, queue_url,
         {"status": "closed", "page": "200"}),
        ("report page (CM)", manager, reverse("reports_staff:detail",
                                              kwargs={"pk": sample.pk}), {}),
        ("building page (CM)", manager, reverse("reports_staff:building",
                                                args=[building.code]), {}),
    ]
    clients = {}
    print(f"\nWhole pages through the test client ({args.repeat} runs, ms; "
          f"{Report.objects.count():,} reports):")
    print(f"{'page':36} {'queries':>8} {'median':>8} {'p95':>8} {'listed':>8}")
    for label, person, url, params in pages:
        client = clients.get(person.pk)
        if client is None:
            client = clients[person.pk] = Client()
            client.force_login(person)

        def get(client=client, url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            return response

        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = get()
        listed = re.search(r'id="queue-count"[^>]*>\s*([0-9.,]+)', response.content.decode())
        median, p95 = timed(get, args.repeat)
        shown = listed.group(1) if listed else "-"
        print(f"{label:36} {len(queries):8} {median:8.1f} {p95:8.1f} {shown:>8}", flush=True)


if __name__ == "__main__":
    main()
