"""A synthetic tenant register for demos, tests and benchmarks: nine Spazi CASA and a
deterministic generator of the import CSV files. Every person in it is invented.

`write_register_csv` streams rows to disk (memory stays flat as the register grows, apart from
the set of fiscal codes that keeps them unique) and writes byte-identical files for a seed.
"""

import calendar
import csv
import datetime as dt
import unicodedata
from bisect import bisect
from functools import cache
from itertools import accumulate
from pathlib import Path
from random import Random

from stdnum.it.codicefiscale import calc_check_digit

# The register's "today": fixed, so that a seed always gives the same files.
REFERENCE_DATE = dt.date(2026, 11, 15)

_WEEKDAYS_HOURS = (
    "Lunedì e mercoledì 9:00-13:00; martedì e giovedì 14:00-18:00; venerdì su appuntamento",
    "Lunedì, mercoledì e venerdì 9:30-12:30; martedì 14:30-18:30",
    "Da lunedì a giovedì 9:00-12:30 e 14:00-17:00; venerdì 9:00-12:30",
)

# The nine Spazi CASA, as keyword arguments of registry.models.Hub.
HUBS = (
    {"code": "mazzini", "name": "Spazio CASA Mazzini", "address": "Via Mompiani 5",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[0],
     "phone": "+39 02 5550 1001", "email": "mazzini@spazicasa.example.invalid"},
    {"code": "molise-calvairate", "name": "Spazio CASA Molise-Calvairate",
     "address": "Via Ciceri Visconti 8", "municipality": "Milano",
     "opening_hours": _WEEKDAYS_HOURS[1], "phone": "+39 02 5550 1002",
     "email": "molise-calvairate@spazicasa.example.invalid"},
    {"code": "gratosoglio", "name": "Spazio CASA Gratosoglio", "address": "Via dei Missaglia 45",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[2],
     "phone": "+39 02 5550 1003", "email": "gratosoglio@spazicasa.example.invalid"},
    {"code": "salomone", "name": "Spazio CASA Salomone", "address": "Via Salomone 36",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[1],
     "phone": "+39 02 5550 1004", "email": "salomone@spazicasa.example.invalid"},
    {"code": "san-siro", "name": "Spazio CASA San Siro", "address": "Piazza Selinunte 4",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[0],
     "phone": "+39 02 5550 1005", "email": "san-siro@spazicasa.example.invalid"},
    {"code": "lorenteggio", "name": "Spazio CASA Lorenteggio", "address": "Via Odazio 7",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[2],
     "phone": "+39 02 5550 1006", "email": "lorenteggio@spazicasa.example.invalid"},
    {"code": "quarto-oggiaro", "name": "Spazio CASA Quarto Oggiaro", "address": "Via Lessona 70",
     "municipality": "Milano", "opening_hours": _WEEKDAYS_HOURS[1],
     "phone": "+39 02 5550 1007", "email": "quarto-oggiaro@spazicasa.example.invalid"},
    {"code": "rozzano", "name": "Spazio CASA Rozzano", "address": "Via dei Garofani 4",
     "municipality": "Rozzano", "opening_hours": _WEEKDAYS_HOURS[0],
     "phone": "+39 02 5550 1008", "email": "rozzano@spazicasa.example.invalid"},
    {"code": "cinisello-balsamo", "name": "Spazio CASA Cinisello Balsamo",
     "address": "Via Cilea 20", "municipality": "Cinisello Balsamo",
     "opening_hours": _WEEKDAYS_HOURS[2], "phone": "+39 02 5550 1009",
     "email": "cinisello-balsamo@spazicasa.example.invalid"},
)


def create_hubs():
    """Create or update the nine Spazi CASA (by code); returns them in HUBS order."""
    from .models import Hub

    hubs = []
    for fields in HUBS:
        defaults = {key: value for key, value in fields.items() if key != "code"}
        hub, _created = Hub.objects.update_or_create(code=fields["code"], defaults=defaults)
        hubs.append(hub)
    return hubs


# --- Places -------------------------------------------------------------------------------
# (hub code or None, neighbourhood, municipality, weight, foreign-born share factor, streets)
_AREAS = (
    ("mazzini", "Mazzini", "Milano", 10, 1.3,
     ("Via Mompiani", "Via Ravenna", "Via Comacchio", "Via Cervia", "Via dei Cinquecento",
      "Via Polesine", "Piazzale Ferrara")),
    ("molise-calvairate", "Molise-Calvairate", "Milano", 12, 1.3,
     ("Via Molise", "Via Calvairate", "Via Ciceri Visconti", "Via Faà di Bruzio", "Via Tommei",
      "Viale Umbria", "Via Piceno")),
    ("gratosoglio", "Gratosoglio", "Milano", 12, 0.9,
     ("Via dei Missaglia", "Via Baroni", "Via Saponaro", "Via Feraboli", "Via Val di Bondo",
      "Via Costa")),
    ("salomone", "Salomone", "Milano", 8, 1.4,
     ("Via Salomone", "Via Zama", "Via Fabriano", "Via Mecenate", "Via Bonfadini")),
    ("san-siro", "San Siro", "Milano", 16, 2.0,
     ("Via Zamagna", "Via Abbiati", "Via Maratta", "Via Tracia", "Via Paravia", "Via Civitali",
      "Via Preneste", "Via Micene", "Via Ricciarelli", "Piazza Selinunte")),
    ("lorenteggio", "Lorenteggio", "Milano", 14, 1.6,
     ("Via Lorenteggio", "Via Giambellino", "Via Segneri", "Via Manzano", "Via Inganni",
      "Via Odazio", "Via Recoaro", "Via degli Apuli")),
    ("quarto-oggiaro", "Quarto Oggiaro", "Milano", 12, 1.2,
     ("Via Lessona", "Via Pascarella", "Via Aldini", "Via Graf", "Via Capuana", "Via Satta",
      "Via Val Trompia", "Via Carbonia")),
    ("rozzano", "Rozzano Aler", "Rozzano", 8, 0.9,
     ("Via dei Garofani", "Via delle Ortensie", "Via dei Glicini", "Via delle Azalee",
      "Via dei Gladioli", "Viale Liguria")),
    ("cinisello-balsamo", "Crocetta", "Cinisello Balsamo", 8, 1.0,
     ("Via Cilea", "Via Mascagni", "Via Verga", "Via Friuli", "Via Giolitti")),
    (None, "Niguarda", "Milano", 3, 0.8, ("Via Ornato", "Via Val di Ledro", "Via Hermada")),
    (None, "Comasina", "Milano", 3, 1.0, ("Via Comasina", "Via Teramo", "Via Rampini")),
    (None, "Barona", "Milano", 3, 1.0, ("Via Barona", "Via Santa Rita da Cascia", "Via Voghera")),
    (None, "Ponte Lambro", "Milano", 2, 1.2, ("Via Ucelli di Nemi", "Via Vittorini")),
    (None, "Stadera", "Milano", 3, 1.3, ("Via Barrili", "Via Neera", "Via Palmieri")),
    (None, "Corvetto", "Milano", 2, 1.5, ("Viale Omero", "Via Gabrio Rosa", "Via Fabio Massimo")),
    (None, "Centro", "Sesto San Giovanni", 2, 1.0,
     ("Via Marelli", "Via Cavallotti", "Via Fogagnolo")),
    (None, "Satellite", "Pioltello", 2, 1.6, ("Via Cimarosa", "Via Wagner", "Via Bellini")),
    (None, "Centro", "Bollate", 1, 0.8, ("Via Roma", "Via Magenta")),
    (None, "Centro", "Cologno Monzese", 1, 1.0, ("Via Cavallotti", "Via Mazzini")),
    (None, "Centro", "San Donato Milanese", 1, 0.8, ("Via Di Vittorio", "Via Gramsci")),
    (None, "Centro", "Opera", 1, 0.8, ("Via Diaz", "Via Matteotti")),
    (None, "Centro", "Bresso", 1, 0.9, ("Via Vittorio Veneto", "Via Galliano")),
)
_AREA_CUM = list(accumulate(area[3] for area in _AREAS))

# Italian municipalities (cadastral codes) where Italian-born tenants were born.
_IT_BIRTHPLACES = (("F205", 40), ("F839", 8), ("G273", 6), ("A662", 5), ("C351", 4),
                   ("H224", 4), ("H501", 3), ("D086", 3), ("F158", 3), ("H703", 3),
                   ("E506", 3), ("L049", 2), ("D643", 2), ("C352", 2), ("A089", 2),
                   ("I754", 2), ("B963", 2), ("L219", 1), ("D969", 1), ("B157", 1),
                   ("A794", 1), ("I690", 1), ("G942", 2), ("L331", 2), ("D122", 1))
_IT_BIRTH_CODES = [code for code, _w in _IT_BIRTHPLACES]
_IT_BIRTH_CUM = list(accumulate(weight for _c, weight in _IT_BIRTHPLACES))

# --- People -------------------------------------------------------------------------------
# origin: (citizenship, cadastral code of the country, languages, weight, surnames,
#          male first names, female first names)
_ORIGINS = {
    "it": ("IT", None, ("it",), 680,
           ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
            "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
            "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
            "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
            "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri",
            "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti",
            "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli",
            "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone",
            "Giuliani", "Benedetti", "Barone", "Caputo", "Montanari", "Guerra", "Palmieri",
            "Bernardi", "Fiore", "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati",
            "Piras", "Battaglia", "Sartori", "Neri", "Milani", "Pagano", "Sorrentino",
            "D'Amico", "Orlando", "Negri", "Cocco", "Scarpa", "Locatelli", "Brambilla"),
           ("Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo",
            "Vincenzo", "Pietro", "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo",
            "Michele", "Giorgio", "Aldo", "Sergio", "Luciano", "Roberto", "Stefano", "Marco",
            "Andrea", "Luca", "Alessandro", "Davide", "Matteo", "Lorenzo", "Nicolò", "Gabriele",
            "Leonardo", "Tommaso", "Riccardo", "Simone", "Rocco", "Gaetano", "Ciro"),
           ("Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia",
            "Carmela", "Caterina", "Francesca", "Antonietta", "Carla", "Elena", "Rita", "Franca",
            "Luisa", "Paola", "Laura", "Giulia", "Chiara", "Sara", "Martina", "Alessia",
            "Federica", "Sofia", "Aurora", "Ginevra", "Beatrice", "Emma", "Alice", "Giorgia",
            "Noemi", "Concetta", "Nunzia", "Immacolata", "Graziella")),
    "ro": ("RO", "Z129", ("ro",), 50,
           ("Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica",
            "Gheorghe", "Matei", "Constantin", "Ciobanu", "Rusu", "Munteanu", "Marin", "Tudor",
            "Florea", "Dinu", "Lungu", "Moldovan"),
           ("Ion", "Gheorghe", "Vasile", "Constantin", "Mihai", "Andrei", "Alexandru", "Florin",
            "Marius", "Ionuț", "Cristian", "Adrian", "Bogdan", "Daniel"),
           ("Maria", "Elena", "Ioana", "Ana", "Mihaela", "Andreea", "Cristina", "Daniela",
            "Gabriela", "Florentina", "Alina", "Roxana", "Larisa")),
    "ma": ("MA", "Z330", ("ar",), 50,
           ("El Amrani", "Benali", "Bouzid", "El Idrissi", "Alaoui", "Bennani", "Tazi",
            "El Fassi", "Chraibi", "Berrada", "Ouazzani", "Ait Ali", "Lahlou", "Zerouali",
            "Haddad", "Mansouri"),
           ("Mohamed", "Ahmed", "Youssef", "Abdelkader", "Rachid", "Mustapha", "Hassan", "Said",
            "Karim", "Omar", "Adam", "Ayoub", "Hamza", "Ilyas"),
           ("Fatima", "Khadija", "Aicha", "Naima", "Amina", "Samira", "Malika", "Zineb",
            "Hanane", "Salma", "Yasmine", "Meryem", "Nour")),
    "eg": ("EG", "Z336", ("ar",), 40,
           ("Abdelrahman", "Mahmoud", "Hassan", "Ibrahim", "Mostafa", "Abdallah", "Farag",
            "Soliman", "Khalil", "El Sayed", "Ali", "Youssef", "Gaber"),
           ("Mohamed", "Ahmed", "Mahmoud", "Mostafa", "Ali", "Hany", "Tarek", "Sherif", "Karim",
            "Amr", "Youssef"),
           ("Fatma", "Mona", "Heba", "Nadia", "Aya", "Mariam", "Rania", "Dina", "Nour", "Yasmin")),
    "ph": ("PH", "Z216", ("tl", "en"), 30,
           ("Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres",
            "Dela Cruz", "Villanueva", "Ramos", "Aquino", "Castillo", "Manalo", "Soriano"),
           ("Jose", "Ramon", "Rodel", "Mark", "John Paul", "Jerome", "Ariel", "Romeo",
            "Christian", "Jayson"),
           ("Maricel", "Rowena", "Marites", "Jocelyn", "Lorna", "Rosalie", "Marilou", "Grace",
            "Jennifer", "Kristine", "Angelica")),
    "pe": ("PE", "Z611", ("es",), 30,
           ("Quispe", "Huamán", "Flores", "Mamani", "Chávez", "Rojas", "Vargas", "Castillo",
            "Sánchez", "Ramírez", "Gutiérrez", "Espinoza", "Paredes"),
           ("Luis", "Carlos", "Jorge", "José", "Juan Carlos", "Miguel", "César", "Víctor",
            "Julio", "Diego"),
           ("Rosa", "María", "Carmen", "Gladys", "Elizabeth", "Maribel", "Luz", "Milagros",
            "Yolanda", "Juana", "Valeria")),
    "ec": ("EC", "Z605", ("es",), 20,
           ("Guamán", "Pérez", "Morales", "Vera", "Zambrano", "Cedeño", "Macías", "Álvarez",
            "Moreira", "Intriago", "Andrade", "Jaramillo", "Loor"),
           ("Segundo", "Washington", "Byron", "Edison", "Fausto", "Jefferson", "Kevin", "Bryan"),
           ("Narcisa", "Mercedes", "Jessica", "Johanna", "Katherine", "Mayra", "Lorena")),
    "cn": ("CN", "Z210", ("zh",), 20,
           ("Hu", "Chen", "Wang", "Zhou", "Lin", "Zhang", "Li", "Liu", "Huang", "Ye", "Xu", "Jin",
            "Pan", "Zheng", "Wu"),
           ("Wei", "Jian", "Jun", "Ming", "Hao", "Lei", "Yong", "Qiang", "Jiahao", "Zihan"),
           ("Li Na", "Xiaoyan", "Mei", "Fang", "Hong", "Yan", "Jing", "Xiu", "Ying", "Yuxin")),
    "al": ("AL", "Z100", ("sq",), 30,
           ("Hoxha", "Shehu", "Gashi", "Krasniqi", "Berisha", "Dervishi", "Leka", "Çela",
            "Kola", "Marku", "Prifti", "Hysa", "Muça", "Basha"),
           ("Arben", "Ilir", "Gentian", "Besnik", "Fatmir", "Artan", "Erion", "Klodian",
            "Dritan", "Edmond"),
           ("Elona", "Blerina", "Mirela", "Anila", "Valbona", "Elira", "Arta", "Entela", "Drita",
            "Lindita")),
    "ua": ("UA", "Z138", ("uk",), 20,
           ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
            "Boyko", "Koval", "Oliynyk", "Shevchuk", "Polishchuk", "Lysenko", "Savchenko",
            "Moroz"),
           ("Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Mykola", "Dmytro", "Ivan", "Yuriy",
            "Vasyl", "Taras"),
           ("Olena", "Natalia", "Oksana", "Tetiana", "Iryna", "Svitlana", "Halyna", "Liudmyla",
            "Yulia", "Mariia")),
    "lk": ("LK", "Z209", ("si", "en"), 20,
           ("Perera", "Fernando", "De Silva", "Jayasinghe", "Wickramasinghe", "Bandara",
            "Gunawardena", "Herath", "Dissanayake", "Kumara", "Wijesinghe", "Peiris"),
           ("Nimal", "Sunil", "Chaminda", "Ruwan", "Prasanna", "Kasun", "Nuwan", "Saman",
            "Lasantha", "Mahesh"),
           ("Kumari", "Nadeesha", "Dilani", "Sanduni", "Nirmala", "Chamari", "Anoma",
            "Priyanka", "Shanika", "Thilini")),
    "sn": ("SN", "Z343", ("fr",), 12,
           ("Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Faye", "Gueye", "Sarr", "Mbaye", "Cissé",
            "Ba", "Niang", "Thiam", "Sy"),
           ("Mamadou", "Moussa", "Ibrahima", "Cheikh", "Modou", "Abdoulaye", "Ousmane",
            "Babacar", "Pape", "Aliou"),
           ("Fatou", "Aminata", "Awa", "Mariama", "Khady", "Ndeye", "Coumba", "Astou", "Rokhaya",
            "Bineta")),
    "bd": ("BD", "Z249", ("bn", "en"), 12,
           ("Hossain", "Rahman", "Islam", "Uddin", "Ahmed", "Akter", "Miah", "Chowdhury",
            "Sarker"),
           ("Mohammad", "Abdul", "Rafiq", "Kamal", "Shahid", "Jahid", "Rakib", "Tanvir"),
           ("Nasrin", "Shirin", "Rokeya", "Fatema", "Sultana", "Taslima", "Jannatul", "Sumaiya")),
    "tn": ("TN", "Z352", ("ar", "fr"), 12,
           ("Ben Salah", "Trabelsi", "Jebali", "Gharbi", "Hammami", "Ben Ammar", "Mejri",
            "Dridi", "Ayari"),
           ("Mohamed", "Ali", "Sami", "Nabil", "Hichem", "Walid", "Anis", "Bilel"),
           ("Amira", "Ines", "Leila", "Sonia", "Rim", "Olfa", "Nesrine", "Sana")),
}
_ORIGIN_KEYS = tuple(_ORIGINS)


def _origin_cum(foreign_factor):
    return list(accumulate(
        spec[3] * (1 if key == "it" else foreign_factor) for key, spec in _ORIGINS.items()))


_MONTH_LETTERS = "ABCDEHLMPRST"
_VOWELS = frozenset("AEIOU")


def _letters(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.upper() if "A" <= ch <= "Z")


@cache
def _surname_part(surname):
    letters = _letters(surname)
    consonants = "".join(ch for ch in letters if ch not in _VOWELS)
    vowels = "".join(ch for ch in letters if ch in _VOWELS)
    return (consonants + vowels + "XXX")[:3]


@cache
def _first_name_part(first_name):
    letters = _letters(first_name)
    consonants = "".join(ch for ch in letters if ch not in _VOWELS)
    if len(consonants) >= 4:
        return consonants[0] + consonants[2] + consonants[3]
    vowels = "".join(ch for ch in letters if ch in _VOWELS)
    return (consonants + vowels + "XXX")[:3]


def fiscal_code(*, last_name, first_name, birth_date, sex, place_code):
    """The fiscal code of a person (no omocodia letters): 15 characters plus check digit."""
    day = birth_date.day + (40 if sex == "F" else 0)
    head = (f"{_surname_part(last_name)}{_first_name_part(first_name)}"
            f"{birth_date.year % 100:02d}{_MONTH_LETTERS[birth_date.month - 1]}{day:02d}"
            f"{place_code}")
    return head + calc_check_digit(head)


def _email_local(first_name, last_name):
    return (_letters(first_name).lower() + "." + _letters(last_name).lower())


_EMAIL_DOMAINS = ("posta.example", "mail.example", "example.invalid", "inbox.example")

FILES = {
    "buildings.csv": ("building_code", "address", "municipality", "neighbourhood", "hub_code",
                      "heating", "gas_pdr", "managed_by"),
    "units.csv": ("unit_code", "building_code", "entrance", "floor", "door", "rooms",
                  "area_sqm"),
    "households.csv": ("household_code", "unit_code", "tenancy_start", "rent_band",
                       "isee_erp_eur", "arrears_eur", "repayment_plan", "email", "phone",
                       "language"),
    "members.csv": ("household_code", "fiscal_code", "first_name", "last_name", "birth_date",
                    "sex", "relation", "citizenship"),
    "isee.csv": ("household_code", "kind", "value_eur", "dsu_protocol", "issued_on",
                 "valid_until"),
    "heating_charges.csv": ("household_code", "season", "basis", "amount_eur",
                            "other_aid_eur"),
}

# ISEE values exactly on the call's boundaries (first ceiling, then the raised one).
ISEE_BOUNDARY_CENTS = (936000, 936001, 1500000, 1500001, 2500000, 2500001)
_DSU_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _eur(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def _add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def write_register_csv(out_dir: Path, *, households: int, seed: int = 1) -> dict[str, int]:
    """Write the six register CSV files into `out_dir` for `households` households; returns
    the number of data rows written per file name. Same arguments, byte-identical files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = Random(seed)
    rand = rng.random
    randrange = rng.randrange
    choice = rng.choice

    handles = {name: open(out_dir / name, "w", encoding="utf-8", newline="")  # noqa: SIM115
               for name in FILES}
    try:
        # The register import's input, not a spreadsheet's: values such as +39 02 ... must
        # come back as written, so not casa.core.spreadsheet.csv_writer.
        writers = {name: csv.writer(handle, lineterminator="\n")
                   for name, handle in handles.items()}
        for name, header in FILES.items():
            writers[name].writerow(header)
        w_building = writers["buildings.csv"].writerow
        w_unit = writers["units.csv"].writerow
        w_household = writers["households.csv"].writerow
        w_member = writers["members.csv"].writerow
        w_isee = writers["isee.csv"].writerow
        w_charge = writers["heating_charges.csv"].writerow

        seen_codes = set()
        origin_cums = {}
        ordinal = dt.date.toordinal
        from_ordinal = dt.date.fromordinal
        ref_ord = ordinal(REFERENCE_DATE)
        d1970 = ordinal(dt.date(1970, 1, 1))
        season_2024_end = dt.date(2025, 4, 15)
        season_2025_end = dt.date(2026, 4, 15)
        dsu_offset = randrange(10**8)
        dsu_counter = 0
        n_buildings = n_units = n_households = n_members = n_isee = n_charges = 0

        def person(origin, sex, birth_ord, *, born_abroad, citizenship=None):
            """A member row's values, with a fiscal code unique in the register."""
            spec = _ORIGINS[origin]
            first_name = choice(spec[5] if sex == "M" else spec[6])
            last_name = choice(spec[4])
            return named_person(origin, first_name, last_name, sex, birth_ord,
                                born_abroad=born_abroad, citizenship=citizenship)

        def named_person(origin, first_name, last_name, sex, birth_ord, *, born_abroad,
                         citizenship=None):
            spec = _ORIGINS[origin]
            if origin != "it" and born_abroad:
                place = spec[1]
            elif origin == "it" and born_abroad:
                place = _IT_BIRTH_CODES[bisect(_IT_BIRTH_CUM, rand() * _IT_BIRTH_CUM[-1])]
            else:
                place = "F205"
            while True:
                birth = from_ordinal(birth_ord)
                code = fiscal_code(last_name=last_name, first_name=first_name,
                                   birth_date=birth, sex=sex, place_code=place)
                if code not in seen_codes:
                    seen_codes.add(code)
                    break
                # Same name, date and place as someone else: a different day keeps the code
                # unique and consistent with the row's birth date.
                birth_ord -= 1
            return (code, first_name, last_name, birth.isoformat(), sex,
                    citizenship or spec[0])

        while n_households < households:
            n_buildings += 1
            area = _AREAS[bisect(_AREA_CUM, rand() * _AREA_CUM[-1])]
            hub_code, neighbourhood, municipality, _weight, foreign_factor, streets = area
            if hub_code and rand() < 0.12:
                hub_code = None  # an estate near a hub that no hub covers yet
            building_code = f"B{n_buildings:05d}"
            central = rand() < 0.8
            gas_pdr = f"{randrange(10**13, 10**14)}" if central else ""
            w_building((building_code, f"{choice(streets)} {randrange(1, 180)}", municipality,
                        neighbourhood, hub_code or "", "central" if central else "autonomous",
                        gas_pdr, "aler" if rand() < 0.85 else "administrator"))
            # Heating costs per square metre and how far the actual cost strays from the
            # estimate; a few buildings get an estimate far below the actual cost.
            rate_cents = randrange(1500, 2500)
            actual_factor = 1.6 + rand() * 0.5 if rand() < 0.05 else 0.85 + rand() * 0.4
            cum = origin_cums.get(foreign_factor)
            if cum is None:
                cum = origin_cums[foreign_factor] = _origin_cum(foreign_factor)
            size = randrange(90, 161) if rand() < 0.1 else randrange(10, 71)
            entrances = min(8, max(1, size // randrange(12, 31)))
            per_floor = randrange(2, 5)
            for index in range(size):
                if n_households >= households:
                    break
                n_units += 1
                unit_code = f"U{n_units:07d}"
                rooms = 1 + int(rand() * 4) if rand() < 0.92 else randrange(5, 7)
                area_cents = 1800 + rooms * randrange(1100, 1900) + randrange(100)
                position = index // entrances
                floor = position // per_floor
                w_unit((unit_code, building_code, "ABCDEFGH"[index % entrances],
                        "T" if floor == 0 else str(floor), str(position + 1), rooms,
                        _eur(area_cents)))
                if rand() < 0.03:
                    continue  # vacant unit
                n_households += 1
                household_code = f"H{n_households:07d}"

                # --- members -------------------------------------------------------------
                origin = _ORIGIN_KEYS[bisect(cum, rand() * cum[-1])]
                spec = _ORIGINS[origin]
                foreign = origin != "it"
                r = rand()
                size_hh = (1 if r < 0.40 else 2 if r < 0.68 else 3 if r < 0.82 else
                           4 if r < 0.92 else 5 if r < 0.97 else 6)
                if foreign and size_hh == 1 and rand() < 0.2:
                    size_hh = randrange(2, 6)  # foreign-born tenants are younger families
                elderly = (rand() < (0.65 if size_hh == 1 else 0.45 if size_hh == 2 else 0.05)
                           and (not foreign or rand() < 0.15))
                if elderly:
                    head_birth = ordinal(dt.date(1928, 1, 1)) + randrange(30 * 365)
                elif size_hh >= 3:
                    head_birth = ordinal(dt.date(1962, 1, 1)) + randrange(34 * 365)
                else:
                    head_birth = ordinal(dt.date(1958, 1, 1)) + randrange(47 * 365)
                head_sex = "F" if rand() < (0.62 if size_hh == 1 else 0.38) else "M"
                naturalised = foreign and rand() < 0.15
                head = person(origin, head_sex, head_birth, born_abroad=True,
                              citizenship="IT" if naturalised else None)
                rows = [(household_code, *head[:5], "head", head[5])]
                head_birth_year = from_ordinal(head_birth).year
                remaining = size_hh - 1
                family_name = head[2]
                if remaining and (size_hh > 2 or rand() < 0.7):
                    spouse_origin = origin if rand() < 0.9 else "it"
                    spouse_birth = head_birth + randrange(-6 * 365, 6 * 365)
                    spouse = person(spouse_origin, "M" if head_sex == "F" else "F",
                                    spouse_birth, born_abroad=True)
                    rows.append((household_code, *spouse[:5], "spouse", spouse[5]))
                    remaining -= 1
                other = remaining >= 2 and rand() < 0.2
                for child in range(remaining):
                    if other and child == remaining - 1:
                        relative = person(origin, "F" if rand() < 0.7 else "M",
                                          head_birth - randrange(20 * 365, 30 * 365),
                                          born_abroad=True)
                        rows.append((household_code, *relative[:5], "other", relative[5]))
                        continue
                    year = min(head_birth_year + randrange(20, 44), REFERENCE_DATE.year - 1)
                    child_birth = ordinal(dt.date(year, 1, 1)) + randrange(365)
                    child_sex = "F" if rand() < 0.49 else "M"
                    born_here = not foreign or year >= head_birth_year + 30 or rand() < 0.5
                    first_name = choice(spec[6] if child_sex == "F" else spec[5])
                    kid = named_person(origin, first_name, family_name, child_sex, child_birth,
                                       born_abroad=not born_here,
                                       citizenship="IT" if naturalised or (
                                           foreign and born_here and rand() < 0.25) else None)
                    rows.append((household_code, *kid[:5], "child", kid[5]))
                for row in rows:
                    w_member(row)
                n_members += len(rows)

                # --- household -----------------------------------------------------------
                start_min = max(d1970, head_birth + 19 * 365)
                r = rand()
                if r < 0.025:
                    start = ref_ord - randrange(365)
                elif r < 0.055:
                    start = ref_ord - 365 - randrange(365)
                else:
                    start = start_min + randrange(max(1, ref_ord - start_min))
                start = max(start, start_min) if start_min < ref_ord else ref_ord
                tenancy_start = from_ordinal(start)
                r = rand()
                if r < 0.45:
                    band, erp_cents = "protezione", randrange(0, 900001)
                elif r < 0.75:
                    band, erp_cents = "accesso", randrange(900001, 1600001)
                elif r < 0.95:
                    band, erp_cents = "permanenza", randrange(1600001, 3500001)
                else:
                    band, erp_cents = "decadenza", randrange(3500001, 6000001)
                if rand() < 0.03:
                    erp_cents = None
                if rand() < (0.32 if band == "protezione" else 0.2):
                    r = rand()
                    arrears = (randrange(5000, 100000) if r < 0.5 else
                               randrange(100000, 500000) if r < 0.85 else
                               randrange(500000, 2000000))
                    plan = "yes" if rand() < 0.35 else "no"
                else:
                    arrears, plan = 0, "no"
                head_first, head_last = head[1], head[2]
                if rand() < (0.35 if elderly else 0.85):
                    email = (f"{_email_local(head_first, head_last)}{randrange(100):02d}"
                             f"@{choice(_EMAIL_DOMAINS)}")
                else:
                    email = ""
                phone = (f"+39 3{randrange(20, 93)} 555 {randrange(10000):04d}"
                         if rand() < 0.88 else "")
                languages = spec[2]
                language = (languages[0] if rand() < 0.75 else choice(languages)) \
                    if not foreign or rand() < 0.85 else "it"
                w_household((household_code, unit_code, tenancy_start.isoformat(), band,
                             "" if erp_cents is None else _eur(erp_cents), _eur(arrears), plan,
                             email, phone, language))

                # --- ISEE ----------------------------------------------------------------
                if rand() < {"protezione": 0.8, "accesso": 0.8, "permanenza": 0.68,
                             "decadenza": 0.45}[band]:
                    if band == "protezione":
                        value = randrange(30000, 1300000)
                    elif band == "accesso":
                        value = randrange(800000, 2000000)
                    elif band == "permanenza":
                        value = randrange(1400000, 3500000)
                    else:
                        value = randrange(3000000, 7000000)
                    if rand() < 0.04:
                        value = choice(ISEE_BOUNDARY_CENTS)
                    r = rand()
                    declarations = []
                    if r < 0.85:
                        issued = ordinal(dt.date(2025, 1, 2)) + randrange(330)
                        declarations.append(("ordinario", value, from_ordinal(issued),
                                             dt.date(2025, 12, 31)))
                    if r >= 0.55:
                        issued = ordinal(dt.date(2026, 1, 2)) + randrange(88)
                        value_2026 = value if value in ISEE_BOUNDARY_CENTS else \
                            int(value * (0.9 + rand() * 0.2))
                        declarations.append(("ordinario", value_2026, from_ordinal(issued),
                                             dt.date(2026, 12, 31)))
                    if rand() < 0.05:
                        issued_day = from_ordinal(ordinal(dt.date(2025, 6, 1)) + randrange(480))
                        declarations.append((
                            "corrente", int(value * (0.45 + rand() * 0.4)), issued_day,
                            _add_months(issued_day, 6) - dt.timedelta(days=1)))
                    for kind, cents, issued_on, valid_until in declarations:
                        dsu_counter += 1
                        number = (dsu_counter * 48271 + dsu_offset) % 10**8
                        w_isee((household_code, kind, _eur(cents),
                                f"INPS-ISEE-{issued_on.year}-{number:08d}"
                                f"{choice(_DSU_LETTERS)}-{'01' if rand() < 0.05 else '00'}",
                                issued_on.isoformat(), valid_until.isoformat()))
                    n_isee += len(declarations)

                # --- heating charges -----------------------------------------------------
                if central or rand() < 0.02:
                    estimate = int(area_cents * rate_cents / 100 * (0.85 + rand() * 0.3))
                    if not central:
                        estimate //= 4
                    aid = (randrange(5000, 40000) if band == "protezione" and rand() < 0.1
                           else None)
                    actual = int(estimate * actual_factor)
                    if tenancy_start < season_2024_end:
                        w_charge((household_code, "2024-25", "estimate", _eur(estimate),
                                  _eur(aid) if aid else ""))
                        w_charge((household_code, "2024-25", "actual", _eur(actual),
                                  _eur(aid) if aid else ""))
                        n_charges += 2
                    if tenancy_start < season_2025_end:
                        next_estimate = int(actual * (0.95 + rand() * 0.13))
                        w_charge((household_code, "2025-26", "estimate", _eur(next_estimate),
                                  _eur(aid) if aid and rand() < 0.7 else ""))
                        n_charges += 1
    finally:
        for handle in handles.values():
            handle.close()

    return {"buildings.csv": n_buildings, "units.csv": n_units,
            "households.csv": n_households, "members.csv": n_members,
            "isee.csv": n_isee, "heating_charges.csv": n_charges}
