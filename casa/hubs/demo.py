"""The demo's Spazi CASA as their staff would keep them: a page, a point on the map, weekly
hours, closures (summer, Christmas, Milan's patron saint), Community Managers and care staff
with their hours at the desk, and the neighbourhood points that name the nearest hub of a
building the register leaves without one. Invented people; approximate places.

Called by `seed_demo` (casa/portal) after the register and the demo accounts exist; safe to run
twice.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from casa.accounts.models import Role
from casa.accounts.services import user_create
from casa.registry.models import Hub

from . import services
from .models import Closure, HubProfile, Place, Service

STAFF_DOMAIN = "staff.demo.casa.invalid"  # not the demo logins' domain: no password, not listed


def _t(text):
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _periods(*pairs):
    return [(_t(start), _t(end)) for start, end in pairs]


# The three weekly patterns of casa/registry/demo.py's opening-hours texts, as periods.
# "Friday by appointment" (pattern 0): the hub is not open to walk in, its Community
# Managers take booked appointments (STAFF_ONLY).
PATTERNS = (
    {0: _periods(("9:00", "13:00")), 1: _periods(("14:00", "18:00")),
     2: _periods(("9:00", "13:00")), 3: _periods(("14:00", "18:00"))},
    {0: _periods(("9:30", "12:30")), 1: _periods(("14:30", "18:30")),
     2: _periods(("9:30", "12:30")), 4: _periods(("9:30", "12:30"))},
    {day: _periods(("9:00", "12:30"), ("14:00", "17:00")) for day in range(4)}
    | {4: _periods(("9:00", "12:30"))},
)
STAFF_ONLY = {0: {4: _periods(("9:00", "12:00"))}}

# code -> (pattern, latitude, longitude, services, about)
_COMMON = [Service.LISTENING, Service.BILLS, Service.ISEE, Service.ENERGY, Service.NEIGHBOURS,
           Service.REFERRALS]
HUBS = {
    "mazzini": (0, "45.44250", "9.21850", [*_COMMON, Service.DIGITAL],
                "Nel quartiere Mazzini dal 2021: ascolto, pratiche e mediazione tra vicini."),
    "molise-calvairate": (1, "45.45780", "9.22000", [*_COMMON, Service.WASTE],
                          "Lo Spazio CASA del quartiere Molise-Calvairate, vicino al mercato."),
    "gratosoglio": (2, "45.41400", "9.17400", [*_COMMON, Service.HEALTH, Service.DIGITAL],
                    "Alle torri di Gratosoglio, con l'ambulatorio di comunità il martedì."),
    "salomone": (1, "45.44550", "9.24600", [*_COMMON, Service.ANTI_VIOLENCE],
                 "In via Salomone 36, con lo sportello antiviolenza su appuntamento."),
    "san-siro": (0, "45.47000", "9.14000", [*_COMMON, Service.DIGITAL, Service.WASTE],
                 "In piazza Selinunte: ascolto, aiuto con bollette e ISEE, sportello digitale."),
    "lorenteggio": (2, "45.45000", "9.13000", [*_COMMON, Service.HEALTH],
                    "Nel cuore del Lorenteggio, in via Odazio, accanto al cantiere del quartiere."),
    "quarto-oggiaro": (1, "45.51600", "9.13800", [*_COMMON, Service.DIGITAL],
                       "Lo Spazio CASA di Quarto Oggiaro, in via Lessona."),
    "rozzano": (0, "45.38000", "9.16000", [*_COMMON],
                "Il primo Spazio CASA in provincia, nel quartiere Aler di Rozzano."),
    "cinisello-balsamo": (2, "45.55800", "9.21500", [*_COMMON, Service.WASTE],
                          "Alla Crocetta di Cinisello Balsamo, in via Cilea."),
}

# (municipality, neighbourhood, latitude, longitude): the neighbourhoods of the demo register
# (casa/registry/demo.py _AREAS), and Milan as a whole for a neighbourhood nobody entered.
PLACES = (
    ("Milano", "", "45.46420", "9.19000"),
    ("Milano", "Mazzini", "45.44400", "9.21700"),
    ("Milano", "Molise-Calvairate", "45.45700", "9.22300"),
    ("Milano", "Gratosoglio", "45.41200", "9.17200"),
    ("Milano", "Salomone", "45.44700", "9.24800"),
    ("Milano", "San Siro", "45.46900", "9.14200"),
    ("Milano", "Lorenteggio", "45.45200", "9.12800"),
    ("Milano", "Quarto Oggiaro", "45.51500", "9.13800"),
    ("Milano", "Niguarda", "45.51700", "9.19300"),
    ("Milano", "Comasina", "45.52700", "9.16700"),
    ("Milano", "Barona", "45.43500", "9.16000"),
    ("Milano", "Ponte Lambro", "45.43900", "9.26300"),
    ("Milano", "Stadera", "45.44100", "9.18300"),
    ("Milano", "Corvetto", "45.44000", "9.22100"),
    ("Rozzano", "Rozzano Aler", "45.38100", "9.15800"),
    ("Cinisello Balsamo", "Crocetta", "45.55900", "9.21800"),
    ("Sesto San Giovanni", "Centro", "45.53500", "9.23400"),
    ("Pioltello", "Satellite", "45.50200", "9.32700"),
    ("Bollate", "Centro", "45.54500", "9.12000"),
    ("Cologno Monzese", "Centro", "45.52900", "9.27800"),
    ("San Donato Milanese", "Centro", "45.41100", "9.26800"),
    ("Opera", "Centro", "45.37600", "9.21100"),
    ("Bresso", "Centro", "45.53800", "9.18800"),
)

# The staff of the hubs besides the demo logins (seed_demo's STAFF_ACCOUNTS): (e-mail local
# part, role, first name, last name, hub codes). They have no password.
STAFF = (
    ("giulia.ferri", Role.COMMUNITY_MANAGER, "Giulia", "Ferri", ("mazzini",)),
    ("omar.haddad", Role.COMMUNITY_MANAGER, "Omar", "Haddad", ("mazzini", "salomone")),
    ("francesca.lodi", Role.COMMUNITY_MANAGER, "Francesca", "Lodi", ("molise-calvairate",)),
    ("luca.brivio", Role.COMMUNITY_MANAGER, "Luca", "Brivio",
     ("molise-calvairate", "salomone")),
    ("marta.invernizzi", Role.COMMUNITY_MANAGER, "Marta", "Invernizzi", ("san-siro",)),
    ("karim.mansour", Role.COMMUNITY_MANAGER, "Karim", "Mansour", ("lorenteggio",)),
    ("silvia.monti", Role.COMMUNITY_MANAGER, "Silvia", "Monti", ("gratosoglio",)),
    ("nicola.perego", Role.COMMUNITY_MANAGER, "Nicola", "Perego", ("quarto-oggiaro",)),
    ("anna.sala", Role.COMMUNITY_MANAGER, "Anna", "Sala", ("quarto-oggiaro",)),
    ("valentina.rota", Role.COMMUNITY_MANAGER, "Valentina", "Rota", ("rozzano",)),
    ("stefano.mauri", Role.COMMUNITY_MANAGER, "Stefano", "Mauri", ("cinisello-balsamo",)),
    ("irene.bassi", Role.COMMUNITY_MANAGER, "Irene", "Bassi", ("cinisello-balsamo",)),
    ("giovanni.pozzi", Role.CARE_STAFF, "Giovanni", "Pozzi", ("lorenteggio",)),
    ("lucia.arosio", Role.CARE_STAFF, "Lucia", "Arosio", ("gratosoglio",)),
)


def closures_for(hub, today):
    """(first, last, reason) of the demo closures still to come: August, Christmas, and St
    Ambrose (7 December, Milan's patron saint) for the hubs in Milan."""
    summer_year = today.year if today <= dt.date(today.year, 8, 21) else today.year + 1
    spans = [(dt.date(summer_year, 8, 3), dt.date(summer_year, 8, 21), "Chiusura estiva"),
             (dt.date(today.year, 12, 24), dt.date(today.year + 1, 1, 2),
              "Chiusura per le feste di Natale")]
    if hub.municipality == "Milano":
        year = today.year if today <= dt.date(today.year, 12, 7) else today.year + 1
        spans.append((dt.date(year, 12, 7), dt.date(year, 12, 7), "Sant'Ambrogio, patrono di "
                                                                 "Milano"))
    return [span for span in spans if span[1] >= today]


def create_hub_demo(*, today, acting_user="seed_demo"):
    """Fill in the demo hubs (created by casa.registry.demo.create_hubs); returns the number
    of hubs filled in."""
    hubs = {hub.code: hub for hub in Hub.objects.filter(code__in=HUBS)}
    for municipality, neighbourhood, lat, lon in PLACES:
        Place.objects.update_or_create(
            municipality=municipality, neighbourhood=neighbourhood,
            defaults={"latitude": Decimal(lat), "longitude": Decimal(lon)})
    _create_staff(hubs, acting_user)
    for code, hub in hubs.items():
        pattern, lat, lon, offered, about = HUBS[code]
        profile = HubProfile.objects.filter(hub=hub).first()
        if profile is None or profile.latitude is None:
            services.hub_page_update(hub=hub, phone=hub.phone, email=hub.email, about=about,
                                     services=[str(value) for value in offered],
                                     latitude=Decimal(lat), longitude=Decimal(lon),
                                     acting_user=acting_user)
        services.hub_hours_set(hub=hub, weekly=PATTERNS[pattern], acting_user=acting_user)
        for first, last, reason in closures_for(hub, today):
            if not Closure.objects.filter(hub=hub, starts_on=first, ends_on=last).exists():
                services.closure_add(hub=hub, starts_on=first, ends_on=last, reason=reason,
                                     acting_user=acting_user)
    _set_staff_hours(hubs, acting_user)
    return len(hubs)


def _create_staff(hubs, acting_user):
    User = get_user_model()
    unusable = make_password(None)
    for local, role, first_name, last_name, codes in STAFF:
        email = f"{local}@{STAFF_DOMAIN}"
        if User.objects.filter(email=email).exists():
            continue
        user_create(email=email, password=None, hashed_password=unusable, role=role,
                    first_name=first_name, last_name=last_name,
                    hubs=[hubs[code] for code in codes if code in hubs],
                    acting_user=acting_user)


def _set_staff_hours(hubs, acting_user):
    """Every desk worker of a hub is there whenever it opens (and on its appointment-only
    hours); someone who works at k hubs is at the i-th of them (by code) on the weekdays
    where weekday % k == i, so that nobody is at two hubs at once."""
    User = get_user_model()
    staff = (User.objects.filter(role__in=[Role.COMMUNITY_MANAGER, Role.CARE_STAFF],
                                 is_active=True, hubs__in=hubs.values())
             .distinct().prefetch_related("hubs").order_by("email"))
    for user in staff:
        codes = sorted(hub.code for hub in user.hubs.all() if hub.code in HUBS)
        for index, code in enumerate(codes):
            pattern = HUBS[code][0]
            weekly = {}
            for source in (PATTERNS[pattern], STAFF_ONLY.get(pattern, {}) if
                           user.role == Role.COMMUNITY_MANAGER else {}):
                for weekday, periods in source.items():
                    if weekday % len(codes) == index:
                        weekly.setdefault(weekday, []).extend(periods)
            services.staff_hours_set(hub=hubs[code], user=user, weekly=weekly,
                                     acting_user=acting_user)
