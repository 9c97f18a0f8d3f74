"""Issue 11 (i11demo): `seed_demo` tells the social management through the real services
(casa/casework/demo.py, casa/care/demo.py, casa/participants/demo.py): case files at the Spazi
CASA for every reason, most in San Siro for its demo Community Manager, with overdue actions,
contacts of every channel, referrals with and without outcome, arrears (one plan signed), two
closed and one handed over; the caretaker of San Siro's rounds, incidents, fragile residents
and the visit that flagged the household for the Community Manager; and the participants that
follow from the support, listed on the participants page and counted by the indicators. The
demo's case notes are read only by the hub's Community Managers (and the social coordinator
who supervises them). Running it again adds nothing."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casa.accounts.models import User
from casa.care import selectors as care_selectors
from casa.care.models import FragileResident, Incident, Round, RoundCheck, Visit
from casa.care.rules import ItemStatus
from casa.casework import selectors as case_selectors
from casa.casework.models import (
    CaseFile,
    CaseStatus,
    Contact,
    ContactKind,
    Handover,
    PlanAction,
    Reason,
    Referral,
)
from casa.participants.models import Participant, SupportEvent

HOUSEHOLDS = "300"


def demo_user(local):
    return User.objects.get(email=f"{local}@demo.casa.invalid")


# seed_demo once for this module (casa/portal/tests/conftest.py: demo_seed, seeded).
SEED_ARGS = ["--households", HOUSEHOLDS, "--no-logins"]


def counts():
    return (CaseFile.objects.count(), PlanAction.objects.count(), Contact.objects.count(),
            Referral.objects.count(), Round.objects.count(), Incident.objects.count(),
            FragileResident.objects.count(), Visit.objects.count(),
            Participant.objects.count(), SupportEvent.objects.count(),
            Participant.objects.exclude(labour_status="").count())


def test_the_demo_makes_cases_of_every_reason_with_their_plans_and_logs(seeded):
    cases = list(CaseFile.objects.select_related("household__unit__building__hub", "owner"))
    manager = demo_user("cm.sansiro")
    now, today = timezone.now(), timezone.localdate()

    assert 20 <= len(cases) <= 30
    assert f"{len(cases)} prese in carico" in seeded
    assert {case.reason for case in cases} == set(Reason.values)
    in_san_siro = [case for case in cases if case.household.unit.building.hub.code == "san-siro"]
    assert len(in_san_siro) > len(cases) / 2
    assert sum(case.owner == manager for case in cases) >= 10
    assert any(case.member_id for case in cases) and any(not case.member_id for case in cases)
    # Spread over the last months, never in the future.
    assert min(case.opened_at for case in cases) < now - dt.timedelta(days=90)
    assert max(case.opened_at for case in cases) <= now
    assert all(case.assessed_at for case in cases)
    # Plan actions done, due and overdue; the demo manager has an overdue one in their caseload.
    actions = PlanAction.objects.all()
    assert actions.filter(done_at__isnull=False).exists()
    assert actions.filter(done_at__isnull=True, due_on__gte=today).exists()
    overdue = case_selectors.overdue_actions(today)
    assert overdue.filter(case__owner=manager).exists()
    assert any(case.overdue
               for case in case_selectors.mark_overdue(case_selectors.caseload(manager), today))
    # Contacts of every channel; referrals with and without an outcome.
    assert set(Contact.objects.values_list("kind", flat=True)) == set(ContactKind.values)
    assert Referral.objects.exclude(outcome="").exists()
    assert Referral.objects.filter(outcome="").exists()
    # Two arrears cases, one with its repayment plan signed.
    arrears = [case for case in cases if case.reason == Reason.ARREARS and case.debt_eur]
    assert len(arrears) >= 2
    assert sum(case.plan_signed_on is not None for case in arrears) == 1
    # Two closed with an outcome; one handed over to the demo manager.
    closed = [case for case in cases if case.status == CaseStatus.CLOSED]
    assert len(closed) == 2 and all(case.outcome for case in closed)
    [handover] = Handover.objects.select_related("to_owner", "by")
    assert handover.to_owner == manager and handover.by == demo_user("coordinamento")


def test_the_demo_tenant_sees_what_their_case_shows_them(seeded):
    tenant = demo_user("tenant.sansiro")
    actions, referrals = case_selectors.tenant_support(tenant)
    assert actions and referrals
    client = Client()
    client.force_login(tenant)
    page = client.get(reverse("casework:my_support")).content.decode()
    assert actions[0].text in page


def test_the_caretaker_s_rounds_incidents_and_an_open_flag_for_san_siro(seeded):
    caretaker = demo_user("care.sansiro")
    manager = demo_user("cm.sansiro")
    rounds = Round.objects.filter(done_by=caretaker)

    assert rounds.count() >= 6
    assert rounds.earliest("done_at").done_at < timezone.now() - dt.timedelta(days=20)
    problems = RoundCheck.objects.filter(round__in=rounds, status=ItemStatus.PROBLEM)
    assert problems.count() >= 3
    [opened] = problems.exclude(report=None).select_related("report")
    assert opened.report.reported_by == caretaker and opened.report.photos.exists()
    assert Incident.objects.filter(recorded_by=caretaker).count() >= 3
    residents = FragileResident.objects.all()
    assert residents.count() >= 3
    assert all(resident.consent_on and resident.visit_every_days for resident in residents)
    assert Visit.objects.count() >= residents.count()
    [flag] = care_selectors.open_flags_for(manager)
    assert flag.hub.code == "san-siro" and flag.visit.problem_found


def test_participants_follow_from_the_support_and_are_listed_and_counted(seeded):
    manager = demo_user("cm.sansiro")
    # Each case's person supported is a participant of the hub's funded project, once.
    for case in CaseFile.objects.select_related("household__unit__building__hub", "member"):
        person = case_selectors.person_supported(case)
        hub = case.household.unit.building.hub
        assert Participant.objects.filter(fiscal_code=person.fiscal_code,
                                          project__hubs=hub).count() == 1, case.reference
        assert SupportEvent.objects.filter(source=f"casework:case:{case.pk}").exists()
    # The participants page of San Siro lists them; some have missing data, some not.
    at_san_siro = Participant.objects.filter(events__hub__code="san-siro").distinct()
    assert at_san_siro.exclude(labour_status="").exists()
    assert at_san_siro.filter(labour_status="").exists()
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("participants:hub", args=["san-siro"]) + "?all=1")
    assert page.status_code == 200
    for participant in at_san_siro[:20]:
        assert reverse("participants:detail", args=[participant.pk]) in page.content.decode()
    # The indicators page shows figures for the demo's participants.
    client.force_login(demo_user("programma"))
    today = timezone.localdate()
    page = client.get(reverse("participants:indicators"),
                      {"start": (today - dt.timedelta(days=365)).isoformat(),
                       "end": today.isoformat()})
    assert page.status_code == 200
    figures = page.context["groups"]
    assert figures
    assert str(Participant.objects.filter(entry_date__gte=today - dt.timedelta(days=365))
               .count()) in page.content.decode()


def test_the_demo_s_case_notes_are_read_only_by_the_hub_s_community_managers(seeded):
    case = (CaseFile.objects.filter(household__unit__building__hub__code="san-siro",
                                    owner=demo_user("cm.sansiro"), contacts__isnull=False)
            .first())
    note = case.contacts.first().notes
    client = Client()
    url = reverse("casework_staff:detail", args=[case.pk])
    for local in ("cm.sansiro", "coordinamento"):  # the coordinator supervises San Siro
        client.force_login(demo_user(local))
        response = client.get(url)
        assert response.status_code == 200, local
        assert note in response.content.decode()
    client.force_login(demo_user("cm.lorenteggio"))
    assert client.get(url).status_code == 404
    for local in ("care.sansiro", "programma", "admin", "auditor", "tenant.sansiro"):
        client.force_login(demo_user(local))
        response = client.get(url)
        assert response.status_code in (403, 404), local
        assert note not in response.content.decode()


def test_a_second_run_adds_no_social_management(seeded):
    before = counts()
    assert before[0] and before[4] and before[8]

    call_command("seed_demo", "--households", HOUSEHOLDS, "--no-logins", stdout=StringIO())

    assert counts() == before
