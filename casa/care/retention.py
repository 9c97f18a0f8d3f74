"""How long the care staff's records keep personal data (casa/core/retention.py; periods and
why in docs/decisions.md, "Retention"). Rounds and incidents keep their building, date, items,
kinds and what was found, for the statistics; the notes, descriptions and photos go. A fragile
resident's record (health-related, kept with consent) is removed with its visits and flags a
year after the follow-up ended; an open follow-up is never touched."""

from django.db.models import Exists, OuterRef, Q

from casa.core import retention

from .models import Flag, FragileResident, Incident, Round, RoundCheck, Visit

REMOVED = ""


def pseudonymise_rounds(rounds):
    checks = RoundCheck.objects.filter(round__in=rounds)
    retention.remove_files(checks.exclude(photo="", thumbnail=""), "photo", "thumbnail")
    checks.update(note=REMOVED, photo="", thumbnail="")
    rounds.update(note=REMOVED)


def pseudonymise_incidents(incidents):
    incidents.update(description=REMOVED, what_followed=REMOVED)


def pseudonymise_visits(visits):
    visits.update(notes=REMOVED)


def remove_residents(residents):
    visits = Visit.objects.filter(resident__in=residents)
    Flag.objects.filter(visit__in=visits).delete()
    visits.delete()
    residents.delete()


personal_checks = RoundCheck.objects.filter(round=OuterRef("pk")).filter(
    ~Q(note=REMOVED) | ~Q(photo="") | ~Q(thumbnail=""))

retention.declare(
    "care.round", model="care.Round", counts_from="done_at", months=12,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_rounds,
    still_personal=~Q(note=REMOVED) | Q(Exists(personal_checks)),
    description="rounds: notes and photos",
)
retention.declare(
    "care.incident", model="care.Incident", counts_from="occurred_at", months=60,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_incidents,
    still_personal=~Q(description=REMOVED) | ~Q(what_followed=REMOVED),
    description="incidents: description and what followed",
)
retention.declare(
    "care.visit", model="care.Visit", counts_from="visited_at", months=24,
    action=retention.PSEUDONYMISE, pseudonymise=pseudonymise_visits,
    still_personal=~Q(notes=REMOVED), description="visits to fragile residents: notes",
)
retention.declare(
    "care.fragile_resident", model="care.FragileResident",
    counts_from="consent_withdrawn_on", months=12, action=retention.DELETE,
    remove=remove_residents, description="fragile residents whose follow-up ended",
)
retention.declare(
    "care.flag", model="care.Flag", counts_from="closed_at", months=24,
    action=retention.DELETE, description="closed flags",
)

__all__ = ["FragileResident", "Incident", "Round"]
