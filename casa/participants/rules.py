"""Pure rules of FSE+ monitoring (Reg. (EU) 2021/1057, Annex I): what the register gives a
participant (gender, third-country status), age at entry, and the common output indicators
counted over plain participant records. No ORM here: selectors.indicators reads the rows."""

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
AGE_BANDS = ("under_18", "18_29", "55_and_over")
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


def age_band(birth_date: dt.date | None, entry_date: dt.date) -> str | None:
    """The Annex I age band at entry ("under_18", "18_29", "55_and_over"), "" for 30-54, None
    when the date of birth is missing."""
    if birth_date is None:
        return None
    age = age_on(birth_date, entry_date)
    if age < 18:
        return "under_18"
    if age <= 29:
        return "18_29"
    if age >= 55:
        return "55_and_over"
    return ""


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


def _breakdown(values, keys):
    counts = dict.fromkeys(keys, 0)
    missing = 0
    for value in values:
        if value in counts:
            counts[value] += 1
        else:
            missing += 1
    return {"counts": counts, "missing": missing}


def count_indicators(records: Iterable[Record]) -> dict:
    """Annex I common output indicators over `records`: each figure with `missing`, the
    number of records it could not use. Unemployed counts the long-term unemployed too, as
    Annex I's "unemployed persons, including long-term unemployed"; the special categories
    use only records with consent in force and an answer."""
    records = list(records)
    labour = _breakdown((r.labour_status for r in records), LABOUR_STATUSES)
    labour["counts"]["unemployed"] += labour["counts"]["long_term_unemployed"]
    ages = [age_band(r.birth_date, r.entry_date) for r in records]
    figures = {
        "total": {"count": len(records), "missing": 0},
        "gender": _breakdown((r.gender for r in records), GENDERS),
        "labour_status": labour,
        "age": {"counts": {band: ages.count(band) for band in AGE_BANDS},
                "missing": ages.count(None)},
        "education": _breakdown((r.education for r in records), EDUCATION_BANDS),
        "third_country_national": {
            "count": sum(r.third_country_national is True for r in records),
            "missing": sum(r.third_country_national is None for r in records)},
    }
    for name in SPECIAL:
        usable = [getattr(r, name) for r in records
                  if r.consent_in_force and getattr(r, name) is not None]
        figures[name] = {"count": sum(usable), "missing": len(records) - len(usable)}
    return figures
