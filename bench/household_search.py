"""Benchmark of the staff household search and household page on a large register.

    .venv/bin/python bench/household_search.py [--households 100000] [--repeat 30]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench_search .venv/bin/python bench/...

Generates a register (casa.registry.demo), imports it (casa.registry.importing) into a fresh
database (a temporary SQLite file by default; with a PostgreSQL DATABASE_URL it DROPS and
re-creates that database: use a dedicated one), then prints the median and 95th percentile of
typical searches through the selector and the paginator, as a programme manager (whole
register) and as a Community Manager (one hub), and of whole pages through Django's test
client.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from imported_register import set_up_with_register, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    set_up_with_register(prefix="casa-bench-search-", households=args.households,
                         seed=args.seed, dummy_tasks=False)

    from django.conf import settings
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from casa.accounts.models import Role, User
    from casa.registry.models import Building, Household, Hub
    from casa.registry.selectors import household_search

    if connection.vendor == "postgresql":
        # Steady state: autovacuum analyzes a freshly imported table within a minute or so;
        # before that the planner has no statistics. (SQLite is never analyzed by Django.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    manager_hub = Hub.objects.get(code="san-siro")
    manager = User.objects.create_user(email="cm@bench.invalid", password=None,
                                       role=Role.COMMUNITY_MANAGER)
    manager.hubs.set([manager_hub])
    programme = User.objects.create_user(email="pm@bench.invalid", password=None,
                                         role=Role.PROGRAMME_MANAGER)

    # Sample values from the middle of the register, inside the manager's hub.
    in_hub = Household.objects.filter(unit__building__hub=manager_hub).order_by("code")
    sample = in_hub[in_hub.count() // 2]
    member = sample.members.current().order_by("relation").first()
    address = Building.objects.filter(hub=manager_hub).order_by("code").first().address
    word = max(address.split(), key=len)
    queries = {
        "household code": sample.code,
        "fiscal code": member.fiscal_code,
        "surname prefix (3 letters)": member.last_name[:3],
        "first and last name": f"{member.first_name} {member.last_name}",
        "address word": word,
        "empty query, page 1": "",
    }
    page_size = settings.CASA_PAGE_SIZE

    def search(user, query, page=1):
        def run():
            current = Paginator(household_search(user=user, query=query),
                                page_size).get_page(page)
            rows = list(current.object_list)
            for household in rows:
                household.heads  # noqa: B018 (the prefetch is part of the cost)
            return current
        return run

    print(f"\nSearch through the selector and the paginator ({args.repeat} runs, ms):")
    print(f"{'query':34} {'as':20} {'median':>8} {'p95':>8} {'matches':>9}")
    for label, query in queries.items():
        for who, user in (("programme manager", programme), ("community manager", manager)):
            median, p95 = timed(search(user, query), args.repeat)
            matches = search(user, query)().paginator.count
            print(f"{label:34} {who:20} {median:8.1f} {p95:8.1f} {matches:9,}")
    for who, user in (("programme manager", programme), ("community manager", manager)):
        pages = Paginator(household_search(user=user, query=""), page_size).num_pages
        page = min(200, pages)
        median, p95 = timed(search(user, "", page), args.repeat)
        print(f"{f'empty query, page {page}':34} {who:20} {median:8.1f} {p95:8.1f}")

    client = Client()
    client.force_login(manager)
    detail = reverse("registry:household_detail", args=[sample.code])
    search_url = reverse("registry:household_search")
    print(f"\nWhole pages through the test client, as a Community Manager ({args.repeat} "
          "runs, ms):")
    for label, url, params, headers in (
        ("household page", detail, {}, {}),
        ("search page, surname prefix", search_url, {"q": member.last_name[:3]}, {}),
        ("search results (htmx), surname", search_url, {"q": member.last_name[:3]},
         {"HX-Request": "true"}),
        ("search page, empty query", search_url, {}, {}),
    ):
        def get(url=url, params=params, headers=headers):
            response = client.get(url, params, headers=headers)
            assert response.status_code == 200, response.status_code
        median, p95 = timed(get, args.repeat)
        print(f"{label:34} {median:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
