"""Benchmark of the review queue and the application page on a large register: query counts and
times of the pages benefit officers and approvers use.

    .venv/bin/python bench/review_queue.py [--households 100000] [--applications 20000]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench_queue .venv/bin/python bench/...

Generates a register (casa.registry.demo) and imports it (casa.registry.importing) into a fresh
database (a temporary SQLite file by default; with a PostgreSQL DATABASE_URL it DROPS and
re-creates that database: use a dedicated one). Then `--applications` households apply to the
demo call and are reviewed, all through the real services (application_submit, the decision
services, workflow.transition): about half stay submitted, the others are under review, wait
for information, wait for a second person, are approved, rejected (households the rule finds
not eligible) or wait on the list once the budget is spent (STATES). Every eligible household
of the register applies; households the rule finds not eligible make up the number. The only
shortcuts, for speed, leave the data as the services write it: the receipt and decision
messages are queued to a task backend that discards them (`TASKS_BACKEND` dummy), and the
waiting list is renumbered once at the end (`waitlist.batch()`, as its allocation does).
Building 20,000 applications this way takes about 20 minutes on SQLite.

Prints, for each page, the number of queries and the median and 95th percentile of whole
requests through Django's test client (session, rendering and audit event included).
"""

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from imported_register import set_up_with_register, timed  # noqa: E402

# What the reviewed applications become, as shares of the total (the rest stay submitted).
STATES = (("awaiting_confirmation", 0.05), ("waitlisted", 0.05), ("approved", 0.20),
          ("under_review", 0.10), ("needs_information", 0.05))
# Households sharing an IBAN with another (flagged for review), per thousand with an IBAN.
SHARED_IBAN_PER_MILLE = 10


def build_applications(*, count, seed, officer, approver, desks, central_desk, online):
    """`count` applications of the demo call through the services, in the mix of STATES."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from casa.energy import decisions, rules, waitlist
    from casa.energy.applying import DECLARATION_CODES, application_submit, needs_iban
    from casa.energy.demo import create_demo_call, demo_iban
    from casa.energy.models import Call, Channel, DecisionState
    from casa.energy.screening import register_rows
    from casa.registry.demo import REFERENCE_DATE
    from casa.registry.models import Household

    call = create_demo_call(today=REFERENCE_DATE)
    params = call.params_at(REFERENCE_DATE)
    eligible, ineligible = [], []
    for row in register_rows(season=call.season, on=REFERENCE_DATE):
        outcome = rules.evaluate(row.facts, params, season=call.season, on=REFERENCE_DATE,
                                 with_trace=False)
        if outcome.eligible:
            eligible.append((row.household_id, outcome.amount))
        else:
            ineligible.append(row.household_id)
    rng = random.Random(seed)
    rng.shuffle(eligible)
    rng.shuffle(ineligible)
    # Shares of `count`: decisions that need an eligible household come first (waiting for a
    # second person: an amount above the threshold), then steps any application can be at; a
    # tenth are rejected (households the rule finds not eligible); the rest wait, submitted.
    rejected = min(len(ineligible), count // 10)
    threshold = call.four_eyes_above_eur
    amounts = dict(eligible)
    small = [pk for pk, amount in eligible if amount <= threshold]
    large = [pk for pk, amount in eligible if amount > threshold]
    others = ineligible[rejected:]

    def take(pools, wanted):
        picked = []
        for pool in pools:
            more = pool[:max(wanted - len(picked), 0)]
            del pool[:len(more)]
            picked += more
        return picked

    plan = [(pk, "rejected") for pk in ineligible[:rejected]]
    for state, share in STATES:
        pools = {"awaiting_confirmation": [large], "waitlisted": [small, large],
                 "approved": [small, large]}.get(state, [small, large, others])
        plan += [(pk, state) for pk in take(pools, int(count * share))]
    plan += [(pk, "submitted") for pk in take([small, large, others], count - len(plan))]
    rng.shuffle(plan)
    # The budget covers the approvals exactly (a decision waiting for a second person commits
    # nothing yet): the approvals made after them wait on the list.
    budget = sum(amounts[pk] for pk, state in plan if state == "approved")
    Call.objects.filter(pk=call.pk).update(budget_eur=budget)
    call.refresh_from_db()

    households = Household.objects.select_related("unit__building").in_bulk(
        [pk for pk, _state in plan])
    # All on the screening's day (one every two seconds from 9:00), so that the rule gives at
    # the decision what it gave at the screening.
    opens = timezone.make_aware(dt.datetime.combine(REFERENCE_DATE, dt.time(9, 0)))
    shared = demo_iban(999_999)
    started = time.perf_counter()
    applications = []
    with transaction.atomic():
        for number, (pk, state) in enumerate(plan, start=1):
            household = households[pk]
            head = household.members.current().order_by("relation", "pk").first()
            iban = ""
            if needs_iban(household):
                iban = (shared if rng.randrange(1000) < SHARED_IBAN_PER_MILLE
                        else demo_iban(number))
            assisted = number % 3 == 0
            hub = household.unit.building.hub_id
            application = application_submit(
                call=call, household=household,
                acting_user=desks.get(hub, central_desk) if assisted else online,
                channel=Channel.ASSISTED if assisted else Channel.ONLINE, iban=iban,
                iban_holder=head.fiscal_code if iban else "",
                identity={"document": "identity_card", "number": f"CA{number:07d}",
                          "read_and_signed": True} if assisted else None,
                declarations=DECLARATION_CODES,
                now=opens + dt.timedelta(seconds=2 * number))
            applications.append((application, state))
            if number % 5000 == 0:
                print(f"  {number:,} submitted ({time.perf_counter() - started:.0f} s)",
                      flush=True)
    print(f"  {len(applications):,} applications submitted in "
          f"{time.perf_counter() - started:.0f} s", flush=True)

    def approve(application):
        decision = decisions.application_decide(application=application, approve=True,
                                                acting_user=officer)
        if decision.state == DecisionState.PENDING:
            decisions.application_confirm(application=application, acting_user=approver)

    started = time.perf_counter()
    with transaction.atomic(), waitlist.batch():
        for application, state in applications:
            if state == "under_review":
                decisions.application_start_review(application=application,
                                                   acting_user=officer)
            elif state == "needs_information":
                decisions.application_request_information(
                    application=application, message="Inviate l'attestazione ISEE.",
                    acting_user=officer)
            elif state == "rejected":
                decisions.application_decide(application=application, approve=False,
                                             note="Requisiti non soddisfatti.",
                                             acting_user=officer)
            elif state == "awaiting_confirmation":
                decisions.application_decide(application=application, approve=True,
                                             acting_user=officer)
            elif state == "approved":
                approve(application)
        for application, state in applications:
            if state == "waitlisted":  # the budget is spent: the approval waits on the list
                approve(application)
    print(f"  reviewed in {time.perf_counter() - started:.0f} s", flush=True)
    return call


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    set_up_with_register(prefix="casa-bench-queue-", households=args.households,
                         seed=args.seed)

    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from casa.accounts.models import Role, User
    from casa.energy.models import Application, ApplicationStatus
    from casa.registry.models import Hub

    def staff(role, email, hubs=()):
        user = User.objects.create_user(email=email, password=None, role=role)
        user.hubs.set(hubs)
        return user

    officer = staff(Role.BENEFIT_OFFICER, "officer@bench.invalid")
    approver = staff(Role.APPROVER, "approver@bench.invalid")
    online = staff(Role.TENANT, "portal@bench.invalid")
    # Homes outside the Spazi CASA apply at the central desk (who then decides nothing on them).
    central_desk = staff(Role.COMMUNITY_MANAGER, "desk@bench.invalid")
    desks = {hub.pk: staff(Role.COMMUNITY_MANAGER, f"cm-{hub.code}@bench.invalid", [hub])
             for hub in Hub.objects.all()}
    # The services' query log is not needed while building (DEBUG keeps the last 9,000).
    connection.force_debug_cursor = False
    started = time.perf_counter()
    call = build_applications(count=args.applications, seed=args.seed, officer=officer,
                              approver=approver, desks=desks, central_desk=central_desk,
                              online=online)
    counts = dict(Application.objects.values_list("status").annotate(n=Count("id"))
                  .order_by("status"))
    print(f"{sum(counts.values()):,} applications built in "
          f"{time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{status} {n:,}" for status, n in sorted(counts.items())), flush=True)
    if connection.vendor == "postgresql":
        # Steady state: autovacuum vacuums and analyzes a table after many inserts (the
        # visibility map lets the queue's counts read its index alone).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    reset_queries()

    # Sample values from the middle of the queue.
    decided = (Application.objects.filter(status=ApplicationStatus.APPROVED)
               .order_by("pk"))
    sample = decided[decided.count() // 2]
    head = sample.household.members.current().order_by("relation", "pk").first()
    surname = head.last_name
    queue_url = reverse("energy:review_queue")
    page_url = reverse("energy:review_application", args=[sample.protocol])
    pages = [
        ("queue: needs action (officer)", officer, queue_url, {}),
        ("queue: search by surname", officer, queue_url, {"show": "all", "q": surname}),
        ("queue: all, sorted by ISEE", officer, queue_url, {"show": "all", "sort": "isee"}),
        ("queue: all by ISEE, page 200", officer, queue_url,
         {"show": "all", "sort": "-isee", "page": "200"}),
        ("queue: to confirm (approver)", approver, queue_url, {}),
        ("queue: waiting list", officer, queue_url, {"show": "waitlist"}),
        ("application page (+ next)", officer, page_url, {"show": "all", "sort": "isee"}),
    ]
    clients = {}
    print(f"\nWhole pages through the test client ({args.repeat} runs, ms; "
          f"{Application.objects.filter(call=call).count():,} applications):")
    print(f"{'page':34} {'queries':>8} {'median':>8} {'p95':>8} {'listed':>8}")
    for label, user, url, params in pages:
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)

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
        print(f"{label:34} {len(queries):8} {median:8.1f} {p95:8.1f} {shown:>8}",
              flush=True)


if __name__ == "__main__":
    main()
