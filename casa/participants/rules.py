"""Pure rules of FSE+ monitoring (Reg. (EU) 2021/1057, Annex I): what the register gives a
participant (gender, third-country status), age at entry, and the common output indicators
counted over plain participant records, or over groups of records alike (Group: the database
counts them, selectors.indicators, with the age at entry as age_on gives it). No ORM here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# The 27 member states (ISO 3166-1 alpha-2, as the register writes citizenship; Greece is GR
# in ISO, EL in EU usage: both accepted).
EU_COUNTRIES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})

GENDERS = ("woman", "man", "non_binary")
LABOUR_STATUSES = ("unemployed", "long_term_unemployed", "inactive", "employed")
EDUCATION_BANDS = ("isced_0_2", "isced_3_4", "isced_5_8")
# Annex I's age bands at entry: name -> (youngest, oldest) in whole years, None for no limit.
# Ages outside every band (30 to 54) are counted in none.
AGE_BANDS = {"under_18": (None, 17), "18_29": (18, 29), "55_and_over": (55, None)}
SPECIAL = ("disability", "foreign_background", "minority", "homeless")


def gender_from_register(sex: str, fiscal_code: str = "") -> str:
    """The register's sex (F/M) as Annex I's gender; failing that, the fiscal code's (day of
    birth over 40 for women). "" when neither says."""
    if sex == "F":
        return "woman"
    if sex == "M":
        return "man"
    if len(fiscal_code or "") == 16:
        from stdnum.it import codicefiscale

        try:
            return "woman" if codicefiscale.get_gender(fiscal_code) == "F" else "man"
        except Exception:  # noqa: BLE001 - an invalid code gives nothing, not an error
            return ""
    return ""


def is_third_country_national(citizenship: str) -> bool | None:
    """Citizens of a country outside the EU are third-country nationals; None when the
    register has no citizenship."""
    citizenship = (citizenship or "").strip().upper()
    if not citizenship:
        return None
    return citizenship not in EU_COUNTRIES


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month,
                                                                  birth_date.day))


def band_of_age(age: int) -> str:
    """The Annex I band (AGE_BANDS) of an age in whole years, "" when in none (30-54)."""
    for band, (youngest, oldest) in AGE_BANDS.items():
        if (youngest is None or age >= youngest) and (oldest is None or age <= oldest):
            return band
    return ""


def age_band(birth_date: dt.date | None, entry_date: dt.date) -> str | None:
    """The Annex I age band at entry ("under_18", "18_29", "55_and_over"), "" for 30-54, None
    when the date of birth is missing."""
    if birth_date is None:
        return None
    return band_of_age(age_on(birth_date, entry_date))


@dataclass(frozen=True)
class Record:
    """What the indicators read of a participant."""

    entry_date: dt.date
    gender: str = ""
    birth_date: dt.date | None = None
    labour_status: str = ""
    education: str = ""
    third_country_national: bool | None = None
    consent_in_force: bool = False
    disability: bool | None = None
    foreign_background: bool | None = None
    minority: bool | None = None
    homeless: bool | None = None


@dataclass(frozen=True)
class Group:
    """`n` participants alike in everything the indicators read: the database groups the
    participants so (selectors.indicators), and a Record is a group of one. `age`: the age at
    entry in whole years (age_on), None without a date of birth."""

    n: int
    gender: str = ""
    age: int | None = None
    labour_status: str = ""
    education: str = ""
    third_country_national: bool | None = None
    consent_in_force: bool = False
    disability: bool | None = None
    foreign_background: bool | None = None
    minority: bool | None = None
    homeless: bool | None = None

    @classmethod
    def of(cls, record: Record) -> Group:
        age = (None if record.birth_date is None
               else age_on(record.birth_date, record.entry_date))
        return cls(n=1, gender=record.gender, age=age,
                   labour_status=record.labour_status, education=record.education,
                   third_country_national=record.third_country_national,
                   consent_in_force=record.consent_in_force,
                   **{name: getattr(record, name) for name in SPECIAL})


def _breakdown(groups, value_of, keys):
    counts = dict.fromkeys(keys, 0)
    missing = 0
    for group in groups:
        value = value_of(group)
        if value in counts:
            counts[value] += group.n
        else:
            missing += group.n
    return {"counts": counts, "missing": missing}


def count_indicators(records: Iterable[Record]) -> dict:
    """count_groups over single records."""
    return count_groups(Group.of(record) for record in records)


def count_groups(groups: Iterable[Group]) -> dict:
    """Annex I common output indicators over `groups` of participants: each figure with
    `missing`, the number of records it could not use. Unemployed counts the long-term
    unemployed too, as Annex I's "unemployed persons, including long-term unemployed"; the
    special categories use only records with consent in force and an answer."""
    groups = list(groups)
    total = sum(group.n for group in groups)
    labour = _breakdown(groups, lambda g: g.labour_status, LABOUR_STATUSES)
    labour["counts"]["unemployed"] += labour["counts"]["long_term_unemployed"]
    ages = _breakdown(groups, lambda g: None if g.age is None else band_of_age(g.age),
                      AGE_BANDS)
    # 30 to 54 is in no band, but the record was usable: only no date of birth is missing.
    ages["missing"] = sum(group.n for group in groups if group.age is None)
    figures = {
        "total": {"count": total, "missing": 0},
        "gender": _breakdown(groups, lambda g: g.gender, GENDERS),
        "labour_status": labour,
        "age": ages,
        "education": _breakdown(groups, lambda g: g.education, EDUCATION_BANDS),
        "third_country_national": {
            "count": sum(g.n for g in groups if g.third_country_national is True),
            "missing": sum(g.n for g in groups if g.third_country_national is None)},
    }
    for name in SPECIAL:
        usable = [(getattr(g, name), g.n) for g in groups
                  if g.consent_in_force and getattr(g, name) is not None]
        figures[name] = {"count": sum(n for value, n in usable if value),
                         "missing": total - sum(n for _value, n in usable)}
    return figures
