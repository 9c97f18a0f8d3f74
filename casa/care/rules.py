"""The rules of the care and vigilance staff's work, as data and pure functions: the items of a
round (each with the report category and place a problem found there opens), what an item can
be found to be, the kinds of incident and who can be informed of one, why a resident is looked
in on and how they consented, and when the next visit is due. Nothing here touches the
database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX = 1000
TEXT_MAX = 4000
# A visit at least every this many days, at most every this many.
VISIT_EVERY_MIN, VISIT_EVERY_MAX = 1, 365


@dataclass(frozen=True)
class RoundItem:
    code: str
    label: str
    help: str
    # The problem report a problem found here opens (casa/reports/categories.py, rules.Place).
    category: str
    place: str


# The checklist of a round, in the order it is walked. A problem found on an item opens a
# report of its category about its place (services.round_item_open_report).
ROUND_ITEMS = (
    RoundItem("entrances", _("Entrances and doors"),
              _("Front doors close and lock, entry phones work, letter boxes intact."),
              "damage", "entrance"),
    RoundItem("lifts", _("Lifts"), _("Every lift works; alarm button and lights in the car."),
              "lift", "entrance"),
    RoundItem("lighting", _("Lighting"),
              _("Lights of stairs, landings, courtyard and cellars work."),
              "electricity", "entrance"),
    RoundItem("cleaning", _("Cleaning"), _("Stairs, landings and courtyard clean; bins emptied."),
              "cleaning", "entrance"),
    RoundItem("common_areas", _("Common areas"),
              _("Courtyard, cellars, garage and roof: no damage, nothing dumped."),
              "damage", "other_common"),
    RoundItem("fire_safety", _("Fire safety"),
              _("Extinguishers in place and checked, escape routes free, fire doors shut."),
              "safety", "other_common"),
    RoundItem("occupation", _("Signs of occupation"),
              _("Empty flats and cellars still closed; no forced doors or broken seals."),
              "safety", "other_common"),
)
ITEMS = {item.code: item for item in ROUND_ITEMS}


class ItemStatus(models.TextChoices):
    OK = "ok", _("All right")
    PROBLEM = "problem", _("Problem")
    UNCHECKED = "unchecked", _("Not checked")


class IncidentKind(models.TextChoices):
    DAMAGE = "damage", _("Damage")
    OCCUPATION = "occupation", _("Occupation attempt")
    FIGHT = "fight", _("Fight")
    HAZARD = "hazard", _("Hazard")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High: act now")


# Who can be told of an incident: code -> (label, the Incident column that records it).
INFORMED = {
    "police": (_("Police"), "informed_police"),
    "fire_brigade": (_("Fire brigade"), "informed_fire_brigade"),
    "technical_office": (_("Aler's technical office"), "informed_technical_office"),
    "community_manager": (_("The Community Manager"), "informed_community_manager"),
}


class FragileReason(models.TextChoices):
    ELDERLY_ALONE = "elderly_alone", _("Elderly, living alone")
    DISABILITY = "disability", _("Disability")
    DISCHARGED = "discharged", _("Recently discharged from hospital")


class ConsentHow(models.TextChoices):
    SIGNED = "signed", _("Signed form")
    ORAL = "oral", _("Orally, in person, with a witness")
    PHONE = "phone", _("By phone")
    GUARDIAN = "guardian", _("Through a guardian or support administrator")


def next_visit_due(*, last_visit: dt.date | None, consent_on: dt.date,
                   every_days: int) -> dt.date:
    """The day the next visit is due: `every_days` after the last visit, or after consent was
    given when there was none yet."""
    return (last_visit or consent_on) + dt.timedelta(days=every_days)


def is_overdue(due: dt.date, today: dt.date) -> bool:
    return due < today
