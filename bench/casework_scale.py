"""Benchmark of the social management's staff pages at scale (issue 11): the case list, the
largest case file, the care pages, the participants with missing data, the indicators and the
Community Manager's day page, with 100,000 households, 20,000 case files and two years of
contacts.

    .venv/bin/python bench/casework_scale.py [--households 100000] [--cases 20000]
    DATABASE_URL=postgres://casa:casa@127.0.0.1:5432/casa_bench_cases .venv/bin/python bench/...

Generates a register (casa.registry.demo) and imports it (casa.registry.importing) into a
database of its own (a temporary SQLite file by default; with a PostgreSQL DATABASE_URL a
dedicated database, created if missing). On PostgreSQL the data is built once: a later run
finds the register and the case files already there and only measures (`--rebuild` drops the
database and builds it again).

The data is written with bulk_create, as the services would leave it (the services, one
transaction and audit event each, would take hours at this volume), in one transaction:
- `--cases` case files over the households of the nine hubs, in proportion to their households,
  opened over two years (older ones mostly closed with an outcome), a third for one member and
  the others for the whole household, owned by the hub's three Community Managers; each with
  its needs assessment, three to six plan actions a month apart (the open cases' past ones
  mostly done, some overdue), 5 to 25 contacts between its opening and its closing (about
  15 on average: 300,000 for 20,000 cases), up to three referrals (the older with their
  outcome) and, for arrears, the steps towards a repayment plan. One open case of the busiest
  hub, owned by the measured Community Manager, has a contact every other day for two years
  (the largest case file);
- the support the case files gave (the person supported, given support at the household's
  hub as casework's give_support would): a participant per person and funded project,
  prefilled from the register, about half of them with labour status and education completed
  and a third with the consent question answered; a support event per case (source
  casework:case:<id>);
- care: a round every fortnight per building of a hub for two years (capped by `--rounds`)
  with each item of the checklist, incidents, fragile residents with their visits (one every
  `visit_every_days`) and the flags the visits that found a problem raised (most closed).

Then times whole requests through Django's test client (session, rendering and audit events
included), as a Community Manager of the busiest hub, as its social coordinator, its care
staff and a programme manager (the indicators): PAGES lists them by URL name, so that a page
whose URL does not reverse yet (the day page, built on another branch) is skipped with a note.
Prints, for each page, the number of queries, the median and 95th percentile, and the slowest.
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from imported_register import fresh_database, set_up_with_register, timed  # noqa: E402

BATCH = 10_000
DAYS = 730
CONTACTS = (5, 25)  # per case, uniform: 15 on average
LARGEST_EVERY_DAYS = 2
# The share left open of the cases opened in the last six months, and of those before.
OPEN_RECENT, OPEN_OLD = 0.7, 0.1
MEMBER_SHARE = 1 / 3
COMPLETED_SHARE = 0.5  # participants with labour status and education completed
CONSENT_SHARE = 1 / 3  # participants who answered the consent question
ROUND_EVERY_DAYS = 14
INCIDENTS = 3_000
FRAGILE = 3_000
PROBLEM_VISIT = 0.05

# The pages measured: (label, who, URL name, kwargs, GET parameters). Values "{name}" are
# filled from the samples found in the data (samples()); a URL name that does not reverse is
# skipped with a note.
PAGES = [
    ("day page (CM)", "cm", "portal:staff_day", {}, {}),
    ("day page (coordinator)", "coordinator", "portal:staff_day", {}, {}),
    ("case list: mine (CM)", "cm", "casework_staff:caseload", {}, {}),
    ("case list: all of the hub (CM)", "cm", "casework_staff:caseload", {}, {"all": "1"}),
    ("case list (coordinator)", "coordinator", "casework_staff:caseload", {}, {}),
    ("largest case file (CM)", "cm", "casework_staff:detail", {"pk": "{largest}"}, {}),
    ("largest case file (coordinator)", "coordinator", "casework_staff:detail",
     {"pk": "{largest}"}, {}),
    ("typical case file (CM)", "cm", "casework_staff:detail", {"pk": "{typical}"}, {}),
    ("care: rounds (care staff)", "care", "care:rounds", {}, {}),
    ("care: rounds (CM)", "cm", "care:rounds", {}, {}),
    ("care: incidents (care staff)", "care", "care:incidents", {}, {}),
    ("care: fragile residents (care)", "care", "care:residents", {}, {}),
    ("participants: missing data (CM)", "cm", "participants:hub", {"code": "{hub}"}, {}),
    ("participants: all (CM)", "cm", "participants:hub", {"code": "{hub}"}, {"all": "1"}),
    ("indicators: all, two years (PM)", "pm", "participants:indicators", {},
     {"start": "{two_years_ago}", "end": "{today}"}),
    ("indicators: one hub, a year (PM)", "pm", "participants:indicators", {},
     {"hub": "{hub}", "start": "{a_year_ago}", "end": "{today}"}),
]


def fill(value, samples):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return samples[value[1:-1]]
    return value


def staff_users():
    """The bench's staff, created once: per hub three Community Managers, two care staff and
    a social coordinator; a programme manager."""
    from casa.accounts.models import Role, User
    from casa.registry.models import Hub

    def user(role, email, hubs=()):
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email=email, password=None, role=role,
                                              first_name="Bench", last_name=role)
            person.hubs.set(hubs)
        return person

    staff = {"pm": user(Role.PROGRAMME_MANAGER, "pm@bench.invalid"), "hubs": {}}
    for hub in Hub.objects.order_by("code"):
        staff["hubs"][hub.pk] = {
            "cm": [user(Role.COMMUNITY_MANAGER, f"cm-{hub.code}-{n}@bench.invalid", [hub])
                   for n in range(3)],
            "care": [user(Role.CARE_STAFF, f"care-{hub.code}-{n}@bench.invalid", [hub])
                     for n in range(2)],
            "coordinator": user(Role.SOCIAL_COORDINATOR, f"sc-{hub.code}@bench.invalid",
                                [hub]),
        }
    return staff


def batches(model, rows):
    """bulk_create `rows` (an iterable) BATCH at a time; returns the objects written."""
    written, batch = [], []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            written += model.objects.bulk_create(batch)
            batch = []
    if batch:
        written += model.objects.bulk_create(batch)
    return written


def build(*, cases, rounds, seed, staff, busiest):
    """The case files, participants and care records (see the module's docstring)."""
    import uuid

    from django.utils import timezone

    from casa.care.models import Flag, FragileResident, Incident, Round, RoundCheck, Visit
    from casa.care.rules import ROUND_ITEMS, ConsentHow, FragileReason, IncidentKind, Urgency
    from casa.casework.models import (
        ActionOwner,
        ArrearsStep,
        CaseFile,
        CaseStatus,
        Contact,
        ContactKind,
        NeedArea,
        NeedAssessment,
        NeedLevel,
        Outcome,
        PlanAction,
        Reason,
        Referral,
        Service,
    )
    from casa.participants import rules as participant_rules
    from casa.participants.models import (
        Consent,
        Education,
        LabourStatus,
        Participant,
        ProjectHub,
        SupportEvent,
    )
    from casa.participants.models import ConsentHow as ParticipantConsentHow
    from casa.registry.models import Building, Household, Member

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate(now)
    hub_of_building = dict(Building.objects.filter(hub__isnull=False)
                           .values_list("pk", "hub_id"))
    households = list(Household.objects.filter(
        tenancy_end__isnull=True, unit__building__hub__isnull=False)
        .values_list("pk", "unit__building__hub_id"))
    people = {}  # household -> [(member pk, relation, fiscal code, sex, birth, citizenship)]
    for row in (Member.objects.current().filter(household__unit__building__hub__isnull=False)
                .order_by("household_id", "started_on", "pk")
                .values_list("household_id", "pk", "relation", "fiscal_code", "sex",
                             "birth_date", "citizenship").iterator(chunk_size=20_000)):
        people.setdefault(row[0], []).append(row[1:])
    households = [(pk, hub) for pk, hub in households if people.get(pk)]
    project_of_hub = dict(ProjectHub.objects.values_list("hub_id", "project_id"))
    bench_cm = staff["hubs"][busiest]["cm"][0]

    def when(start, end):
        return start + (end - start) * rng.random()

    started = time.perf_counter()
    # --- Case files -----------------------------------------------------------------------
    chosen = rng.sample(households, min(cases, len(households)))
    plan = []  # (household, hub, member or None, opened_at, closed_at or None)
    for household, hub in chosen:
        opened = now - dt.timedelta(days=DAYS * rng.random())
        recent = (now - opened).days < 180
        open_ = rng.random() < (OPEN_RECENT if recent else OPEN_OLD)
        closed = None
        if not open_:
            closed = min(opened + dt.timedelta(days=rng.randint(30, 300)),
                         now - dt.timedelta(hours=1))
        member = None
        if rng.random() < MEMBER_SHARE:
            member = rng.choice(people[household])
        plan.append((household, hub, member, opened, closed))
    # The largest case file: open for two years in the busiest hub, the bench CM's.
    largest_household = next(pk for pk, hub in households if hub == busiest)
    plan[0] = (largest_household, busiest, None, now - dt.timedelta(days=DAYS), None)

    def owner_of(hub, index):
        cms = staff["hubs"][hub]["cm"]
        return cms[index % len(cms)]

    case_rows = []
    for index, (household, hub, member, opened, closed) in enumerate(plan):
        reason = rng.choice(Reason.values)
        owner = bench_cm if index == 0 else owner_of(hub, index)
        case_rows.append(CaseFile(
            household_id=household, member_id=member[0] if member else None, reason=reason,
            opened_at=opened, opened_by=owner, owner=owner,
            status=CaseStatus.CLOSED if closed else CaseStatus.OPEN, closed_at=closed,
            outcome=rng.choice(Outcome.values) if closed else "",
            closing_note="Chiuso (benchmark)." if closed else "",
            assessment_summary="Valutazione generata per il benchmark.",
            assessed_at=opened + dt.timedelta(days=3),
            debt_eur=rng.randint(500, 9000) if reason == Reason.ARREARS else None,
            plan_signed_on=(opened + dt.timedelta(days=60)).date()
            if reason == Reason.ARREARS and closed else None))
    case_files = batches(CaseFile, case_rows)
    print(f"  {len(case_files):,} case files ({time.perf_counter() - started:.0f} s)",
          flush=True)

    needs, actions, contacts, referrals, steps = [], [], [], [], []
    kinds = ContactKind.values
    for case, (_household, _hub, _member, opened, closed) in zip(case_files, plan, strict=True):
        end = closed or now
        for area in rng.sample(NeedArea.values, 3):
            needs.append(NeedAssessment(case=case, area=area,
                                        level=rng.choice(NeedLevel.values)))
        for step in range(rng.randint(3, 6)):
            due = (opened + dt.timedelta(days=30 * (step + 1))).date()
            done = None
            if closed or (due < today and rng.random() < 0.8):
                done = min(opened + dt.timedelta(days=30 * (step + 1) - 2), end)
            actions.append(PlanAction(
                case=case, text=f"Azione {step + 1} del piano.",
                owner_kind=rng.choice(ActionOwner.values), due_on=due,
                for_tenant=rng.random() < 0.5, created_at=opened, created_by=case.owner,
                done_at=done, done_by=case.owner if done else None))
        if case is case_files[0]:
            count = DAYS // LARGEST_EVERY_DAYS
            times = [opened + dt.timedelta(days=LARGEST_EVERY_DAYS * n, hours=rng.randint(0, 8))
                     for n in range(count)]
        else:
            times = sorted(when(opened, end) for _ in range(rng.randint(*CONTACTS)))
        for at in times:
            contacts.append(Contact(
                case=case, kind=rng.choice(kinds), at=at,
                notes="Note private del colloquio, generate per il benchmark. " * 3,
                public_summary="Colloquio." if rng.random() < 0.3 else "",
                recorded_at=at, recorded_by=case.owner))
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
            sent = when(opened, end).date()
            answered = (today - sent).days > 30 and rng.random() < 0.7
            referrals.append(Referral(
                case=case, to=rng.choice(Service.values), sent_on=sent,
                note="Invio generato per il benchmark.", sent_by=case.owner,
                outcome="Presa in carico dal servizio." if answered else "",
                outcome_on=sent + dt.timedelta(days=20) if answered else None))
        if case.reason == Reason.ARREARS:
            for n in range(rng.randint(1, 4)):
                steps.append(ArrearsStep(case=case, text=f"Passo {n + 1} verso il piano.",
                                         on=(opened + dt.timedelta(days=10 * (n + 1))).date(),
                                         recorded_by=case.owner))
    for model, rows in ((NeedAssessment, needs), (PlanAction, actions), (Contact, contacts),
                        (Referral, referrals), (ArrearsStep, steps)):
        batches(model, rows)
        print(f"  {len(rows):,} {model._meta.model_name} rows "
              f"({time.perf_counter() - started:.0f} s)", flush=True)

    # --- Participants: the person each case supported, at the household's hub ---------------
    participants = {}  # (fiscal code, project) -> Participant
    events = []
    for case, (household, hub, member, opened, _closed) in zip(case_files, plan, strict=True):
        project = project_of_hub.get(hub)
        if project is None:
            continue
        if member is None:  # the head of household, else the first current member
            rows = people[household]
            member = next((row for row in rows if row[1] == "head"), rows[0])
        member_pk, _relation, fiscal_code, sex, birth, citizenship = member
        on = opened.date()
        key = (fiscal_code, project)
        participant = participants.get(key)
        if participant is None:
            completed = rng.random() < COMPLETED_SHARE
            participant = participants[key] = Participant(
                project_id=project, fiscal_code=fiscal_code, member_id=member_pk, hub_id=hub,
                entry_date=on, gender=participant_rules.gender_from_register(sex, fiscal_code),
                birth_date=birth,
                third_country_national=participant_rules.is_third_country_national(
                    citizenship),
                labour_status=rng.choice(LabourStatus.values) if completed else "",
                education=rng.choice(Education.values) if completed else "",
                created_at=opened)
        participant.entry_date = min(participant.entry_date, on)
        events.append((participant, hub, on, f"casework:case:{case.pk}", case.owner_id,
                       opened))
    written = batches(Participant, participants.values())
    batches(SupportEvent, (SupportEvent(participant=participant, hub_id=hub, on=on,
                                        source=source, recorded_at=at, recorded_by_id=owner)
                           for participant, hub, on, source, owner, at in events))
    consents = [Consent(participant=participant, given=rng.random() < 0.7,
                        given_at=dt.datetime.combine(participant.entry_date, dt.time(10),
                                                     tzinfo=dt.UTC),
                        how=rng.choice(ParticipantConsentHow.values),
                        recorded_by=bench_cm)
                for participant in written if rng.random() < CONSENT_SHARE]
    batches(Consent, consents)
    print(f"  {len(written):,} participants, {len(events):,} support events, "
          f"{len(consents):,} consents ({time.perf_counter() - started:.0f} s)", flush=True)

    # --- Care -----------------------------------------------------------------------------
    buildings = sorted(hub_of_building)
    per_building = min(DAYS // ROUND_EVERY_DAYS, max(1, rounds // max(1, len(buildings))))
    round_rows = []
    for building in buildings:
        carers = staff["hubs"][hub_of_building[building]]["care"]
        for n in range(per_building):
            done = now - dt.timedelta(days=ROUND_EVERY_DAYS * n + rng.random() * 3)
            round_rows.append(Round(building_id=building, done_by=rng.choice(carers),
                                    done_at=done,
                                    submission_key=uuid.UUID(bytes=rng.randbytes(16))))
    written_rounds = batches(Round, round_rows)
    batches(RoundCheck, (
        RoundCheck(round=done, item=item.code,
                   status="problem" if rng.random() < 0.05 else "ok")
        for done in written_rounds for item in ROUND_ITEMS))
    incidents = []
    for _ in range(INCIDENTS):
        building = rng.choice(buildings)
        occurred = now - dt.timedelta(days=DAYS * rng.random())
        incidents.append(Incident(
            building_id=building, kind=rng.choice(IncidentKind.values),
            urgency=rng.choice(Urgency.values), occurred_at=occurred,
            description="Evento generato per il benchmark.",
            informed_community_manager=rng.random() < 0.5,
            recorded_by=rng.choice(staff["hubs"][hub_of_building[building]]["care"]),
            recorded_at=occurred))
    batches(Incident, incidents)
    residents, seen = [], set()
    for household, hub in rng.sample(households, min(FRAGILE, len(households))):
        member = people[household][0]
        if member[0] in seen:
            continue
        seen.add(member[0])
        consent_on = (now - dt.timedelta(days=DAYS * rng.random())).date()
        residents.append(FragileResident(
            member_id=member[0], reason=rng.choice(FragileReason.values), consent_on=consent_on,
            consent_how=rng.choice(ConsentHow.values),
            consent_recorded_by=staff["hubs"][hub]["care"][0],
            visit_every_days=rng.choice((7, 14, 30)),
            created_at=dt.datetime.combine(consent_on, dt.time(9), tzinfo=dt.UTC)))
    residents = batches(FragileResident, residents)
    hub_of_household = dict(households)
    household_of_member = {row[0]: household for household, rows in people.items()
                           for row in rows}
    visits = []
    for resident in residents:
        household = household_of_member[resident.member_id]
        carers = staff["hubs"][hub_of_household[household]]["care"]
        day = resident.created_at
        while day < now:
            visits.append(Visit(resident=resident, visited_at=day, visited_by=rng.choice(carers),
                                notes="Visita generata per il benchmark.",
                                problem_found=rng.random() < PROBLEM_VISIT))
            day += dt.timedelta(days=resident.visit_every_days)
    visits = batches(Visit, visits)
    flags = []
    for visit in visits:
        if visit.problem_found:
            household = household_of_member[visit.resident.member_id]
            recent = (now - visit.visited_at).days < 14
            flags.append(Flag(visit=visit, household_id=household,
                              hub_id=hub_of_household[household], raised_at=visit.visited_at,
                              closed_at=None if recent else visit.visited_at
                              + dt.timedelta(days=3)))
    batches(Flag, flags)
    print(f"  {len(written_rounds):,} rounds, {len(incidents):,} incidents, "
          f"{len(residents):,} fragile residents, {len(visits):,} visits, {len(flags):,} flags "
          f"({time.perf_counter() - started:.0f} s)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true",
                        help="drop the PostgreSQL database and build everything again")
    args = parser.parse_args()

    import os

    if args.rebuild and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        fresh_database(os.environ["DATABASE_URL"])
    set_up_with_register(prefix="casa-bench-cases-", households=args.households,
                         seed=args.seed, reuse=True)

    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from casa.casework.models import CaseFile, Contact
    from casa.participants.models import Participant
    from casa.participants.projects import assign_hubs
    from casa.registry.models import Household, Hub

    connection.force_debug_cursor = False
    assign_hubs()  # the hubs were created after the migration that assigns them
    staff = staff_users()
    # The busiest hub: the most current households.
    busiest = (Household.objects.filter(tenancy_end__isnull=True,
                                        unit__building__hub__isnull=False)
               .values("unit__building__hub_id").annotate(n=Count("id")).order_by("-n")
               .first()["unit__building__hub_id"])
    if CaseFile.objects.exists():
        print(f"Reusing {CaseFile.objects.count():,} case files, "
              f"{Contact.objects.count():,} contacts, "
              f"{Participant.objects.count():,} participants", flush=True)
    else:
        started = time.perf_counter()
        with transaction.atomic():
            build(cases=args.cases, rounds=args.rounds, seed=args.seed, staff=staff,
                  busiest=busiest)
        print(f"Built in {time.perf_counter() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            # Steady state: autovacuum analyzes a table after many inserts.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    hub = Hub.objects.get(pk=busiest)
    people = staff["hubs"][busiest]
    users = {"cm": people["cm"][0], "coordinator": people["coordinator"],
             "care": people["care"][0], "pm": staff["pm"]}
    in_hub = CaseFile.objects.filter(household__unit__building__hub=hub)
    largest = (in_hub.filter(owner=users["cm"]).annotate(n=Count("contacts"))
               .order_by("-n").first())
    typical = in_hub.filter(owner=users["cm"], status="open").order_by("-opened_at").first()
    today = timezone.localdate()
    samples = {"largest": largest.pk, "typical": typical.pk, "hub": hub.code,
               "today": today.isoformat(),
               "a_year_ago": (today - dt.timedelta(days=365)).isoformat(),
               "two_years_ago": (today - dt.timedelta(days=DAYS)).isoformat()}
    print(f"{hub.name}: {in_hub.count():,} case files "
          f"({in_hub.filter(status='open').count():,} open, "
          f"{in_hub.filter(status='open', owner=users['cm']).count():,} the measured CM's); "
          f"the largest, {largest.reference}, has {largest.n:,} contacts", flush=True)

    clients, results = {}, []
    print(f"\nWhole pages through the test client ({args.repeat} runs, ms; "
          f"{connection.vendor}, {Household.objects.count():,} households, "
          f"{CaseFile.objects.count():,} case files, {Contact.objects.count():,} contacts):")
    print(f"{'page':36} {'queries':>8} {'median':>8} {'p95':>8}")
    for label, who, name, kwargs, params in PAGES:
        try:
            url = reverse(name, kwargs={key: fill(value, samples)
                                        for key, value in kwargs.items()})
        except NoReverseMatch:
            print(f"{label:36} skipped: {name} does not reverse (not in this branch)",
                  flush=True)
            continue
        params = {key: fill(value, samples) for key, value in params.items()}
        client = clients.get(who)
        if client is None:
            client = clients[who] = Client()
            client.force_login(users[who])

        def get(client=client, url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)
            return response

        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            get()
        median, p95 = timed(get, args.repeat)
        results.append((median, label))
        print(f"{label:36} {len(queries):8} {median:8.1f} {p95:8.1f}", flush=True)
    if results:
        median, label = max(results)
        print(f"\nSlowest page: {label}, {median:.0f} ms median", flush=True)


if __name__ == "__main__":
    main()
