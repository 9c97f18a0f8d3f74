"""Demo work of the care and vigilance staff (issue 11), made through the real services: the
rounds done by the demo caretaker of San Siro (care.sansiro@demo.casa.invalid) over the last
four weeks, with some items found wrong and one of them (this morning's broken light) opening
a problem report with the round's photo; a few incidents; fragile residents looked in on with
their consent and visit schedule, their visits, and one visit that found a problem and
flagged the household for the Community Managers of San Siro (the flag is open).

Called by `seed_demo` (casa/portal) after the problem reports (which it would otherwise
prevent: their demo adds nothing once a report exists); safe to run twice (nothing is added
once there are rounds). Everything is invented; the residents come from the synthetic
register, and the photo is drawn at seed time (casa/reports/demo.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from casa.accounts.models import Role
from casa.registry.models import Building, Member
from casa.reports.demo import demo_photo

from . import services
from .models import Round
from .rules import ItemStatus

DEMO_LOGIN_DOMAIN = "demo.casa.invalid"
SAN_SIRO = "san-siro"
# The submission keys of the demo's rounds: the same for a seed, so a round is never twice.
ROUND_KEYS = uuid.UUID("0b7e5d0c-93f4-4c55-8d2e-5f3a1c9e6a42")

OK, PROBLEM = ItemStatus.OK, ItemStatus.PROBLEM
ALL_OK = {"entrances": OK, "lifts": OK, "lighting": OK, "cleaning": OK, "common_areas": OK,
          "fire_safety": OK, "occupation": OK}

# (days ago, building (index among San Siro's), {item: (status, note, photo look)}, note,
# open a report for the problems). Items not given are all right.
ROUNDS = (
    (27, 0, {}, ""),
    (26, 1, {"cleaning": (PROBLEM, "Scale sporche dal 2° al 4° piano.", "")}, ""),
    (20, 2, {}, "Giro regolare."),
    (19, 0, {"fire_safety": (PROBLEM, "Estintore del piano terra scaduto a ottobre.", "")},
     ""),
    (13, 1, {}, ""),
    (12, 3, {"common_areas": (PROBLEM, "Materasso abbandonato vicino ai bidoni.", "waste"),
             "occupation": (ItemStatus.UNCHECKED, "", "")}, "Cantine chiuse: chiave mancante."),
    (6, 2, {"lifts": (PROBLEM, "Ascensore scala B fermo al 3° piano.", "lift")}, ""),
    (5, 0, {}, ""),
    (0.1, 0, {"lighting": (PROBLEM, "Luce del pianerottolo del 3° piano spenta.", "dark")},
     "Segnalato il guasto alla luce."),
)
OPENS_REPORT = ("lighting", 0.1)  # the item and the round (days ago) that opens a report

# (days ago, building index, kind, urgency, description, informed, what followed)
INCIDENTS = (
    (22, 1, "damage", "medium", "Vetro del portone rotto durante la notte.",
     ("technical_office",), "Il vetro è stato sostituito due giorni dopo."),
    (9, 3, "occupation", "high", "Tentativo di forzare la porta di un alloggio sfitto al 5° "
     "piano.", ("police", "technical_office", "community_manager"),
     "La polizia è intervenuta; la porta è stata murata."),
    (3, 2, "hazard", "medium", "Odore di gas nell'androne della scala A.",
     ("fire_brigade", "community_manager"),
     "I vigili del fuoco hanno controllato: una valvola del contatore non era chiusa."),
    (1, 0, "fight", "low", "Discussione animata in cortile tra due vicini per un parcheggio.",
     ("community_manager",), ""),
)

# (reason, consent days ago, how, every days, [(days ago, notes, problem found)])
RESIDENTS = (
    ("elderly_alone", 60, "signed", 14,
     ((45, "Sta bene; chiede aiuto per la spesa.", False),
      (31, "Tutto a posto.", False),
      (17, "Tutto a posto; il volontario le porta la spesa il lunedì.", False),
      (2, "Non apriva: era caduta in bagno, si è rialzata da sola ma ha dolore al fianco e "
       "ha poco cibo in casa. Chiamata la figlia.", True))),
    ("discharged", 21, "oral", 7,
     ((14, "Rientrato dall'ospedale: segue la terapia.", False),
      (7, "Cammina meglio.", False))),
    ("disability", 40, "guardian", 30,
     ((10, "Visita con l'amministratrice di sostegno: nessun problema.", False),)),
)


def _staff(hub_code, role):
    """The hub's staff of `role`, the demo login first."""
    users = list(get_user_model().objects.filter(role=role, is_active=True,
                                                 hubs__code=hub_code).order_by("email"))
    users.sort(key=lambda user: not user.email.endswith(f"@{DEMO_LOGIN_DOMAIN}"))
    return users[0] if users else None


def create_demo_care(*, now=None) -> dict:
    """Rounds, incidents, fragile residents and visits at San Siro, by its demo caretaker.
    Returns how many of each were made (nothing if there are rounds already)."""
    made = {"rounds": 0, "reports": 0, "incidents": 0, "residents": 0, "visits": 0,
            "flags": 0}
    if Round.objects.exists():
        return made
    now = now or timezone.now()
    caretaker = _staff(SAN_SIRO, Role.CARE_STAFF)
    buildings = list(Building.objects.filter(hub__code=SAN_SIRO).order_by("code"))
    if caretaker is None or not buildings:
        return made
    with transaction.atomic():
        for number, (days, index, found, note) in enumerate(ROUNDS):
            checks = {code: {"status": status} for code, status in ALL_OK.items()}
            for code, (status, text, look) in found.items():
                checks[code] = {"status": status, "note": text,
                                "photo": demo_photo(look, 50 + number) if look else None}
            done = services.round_submit(
                building=buildings[index % len(buildings)], checks=checks, note=note,
                acting_user=caretaker, now=now - dt.timedelta(days=days),
                submission_key=uuid.uuid5(ROUND_KEYS, f"round:{number}"))
            made["rounds"] += 1
            if days == OPENS_REPORT[1]:
                check = done.checks.get(item=OPENS_REPORT[0])
                services.round_item_open_report(check=check, acting_user=caretaker)
                made["reports"] += 1
        for days, index, kind, urgency, text, informed, followed in INCIDENTS:
            services.incident_record(
                building=buildings[index % len(buildings)], kind=kind, urgency=urgency,
                occurred_at=now - dt.timedelta(days=days, hours=2), description=text,
                informed=informed, what_followed=followed, acting_user=caretaker, now=now)
            made["incidents"] += 1
        for resident in _residents(buildings, caretaker, now):
            made["residents"] += 1
            for days, notes, problem in resident[1]:
                visit = services.visit_record(resident=resident[0], notes=notes,
                                              problem_found=problem, acting_user=caretaker,
                                              now=now - dt.timedelta(days=days, hours=3))
                made["visits"] += 1
                made["flags"] += problem and hasattr(visit, "flag")
    return made


def _residents(buildings, caretaker, now):
    """Register RESIDENTS: the oldest current members of San Siro's households (the demo
    logins' left alone), one per household, in code order. Yields (resident, its visits)."""
    logins = (get_user_model().objects
              .filter(role=Role.TENANT, email__endswith=f"@{DEMO_LOGIN_DOMAIN}")
              .values("fiscal_code"))
    avoid = Member.objects.current().filter(fiscal_code__in=logins).values("household_id")
    people = (Member.objects.current()
              .filter(household__unit__building__in=buildings,
                      household__tenancy_end__isnull=True)
              .exclude(household__in=avoid).order_by("birth_date", "id"))
    households = set()
    stories = iter(RESIDENTS)
    story = next(stories)
    for member in people.iterator():
        if member.household_id in households:
            continue
        households.add(member.household_id)
        reason, consent_days, how, every, visits = story
        resident = services.resident_register(
            fiscal_code=member.fiscal_code, reason=reason,
            consent_on=timezone.localdate(now) - dt.timedelta(days=consent_days),
            consent_how=how, visit_every_days=every, acting_user=caretaker,
            today=timezone.localdate(now))
        yield resident, visits
        story = next(stories, None)
        if story is None:
            return
