"""The Annex I common output indicators, computed by selectors.indicators, match figures
counted by hand over twelve participants built through the real paths (the register's
signal, the staff's completion, consent given, refused and withdrawn)."""

import datetime as dt

import pytest

from casa.participants import services
from casa.participants.models import Participant
from casa.participants.selectors import indicators

from .helpers import support

pytestmark = pytest.mark.django_db

ENTRY = dt.date(2026, 3, 2)
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))

# n: (sex, birth, citizenship, labour status, education, consent, {special: value}); the age
# on ENTRY in the comment. Consent: "yes" in force, "no" refused, "withdrawn" given then
# withdrawn (its values removed), None never asked.
PEOPLE = {
    1: ("F", dt.date(2010, 5, 1), "IT", "inactive", "isced_0_2", "yes",
        {"disability": True, "homeless": False}),  # 15
    2: ("M", dt.date(2000, 1, 1), "MA", "unemployed", "isced_3_4", None, {}),  # 26
    3: ("F", dt.date(1997, 3, 2), "RO", "long_term_unemployed", "", "yes",
        {"disability": False, "homeless": True}),  # 29 that day
    4: ("M", dt.date(1996, 3, 2), "EG", "employed", "isced_5_8", "no", {}),  # 30 that day
    5: ("F", dt.date(1971, 3, 2), "IT", "employed", "isced_0_2", "yes",
        {"disability": True}),  # 55 that day
    6: ("M", dt.date(1971, 3, 3), "", "", "", None, {}),  # 54, 55 the day after
    7: ("F", dt.date(1950, 6, 15), "PE", "inactive", "isced_0_2", "withdrawn",
        {"disability": True, "homeless": True}),  # 75
    8: ("M", dt.date(1985, 1, 1), "UA", "unemployed", "isced_3_4", None, {}),  # 41
    9: ("F", dt.date(1990, 7, 7), "IT", "long_term_unemployed", "isced_5_8", "yes",
        {"disability": False, "homeless": False}),  # 35, declares non-binary
    10: ("M", dt.date(2009, 12, 31), "AL", "inactive", "", None, {}),  # 16
    11: ("F", dt.date(1960, 1, 1), "IT", "", "isced_3_4", "yes", {"homeless": True}),  # 66
    12: ("M", dt.date(1999, 9, 9), "IT", "employed", "isced_3_4", None, {}),  # 26
}

# Counted by hand from PEOPLE.
EXPECTED = {
    "total": {"count": 12, "missing": 0},
    # Women 1 3 5 7 11; men 2 4 6 8 10 12; 9 non-binary.
    "gender": {"counts": {"woman": 5, "man": 6, "non_binary": 1}, "missing": 0},
    # Unemployed 2 8 and the long-term unemployed 3 9 (Annex I: "including long-term
    # unemployed"); inactive 1 7 10; employed 4 5 12; not known 6 11.
    "labour_status": {"counts": {"unemployed": 4, "long_term_unemployed": 2, "inactive": 3,
                                 "employed": 3}, "missing": 2},
    # Under 18: 1 10; 18-29: 2 3 12; 55 and over: 5 7 11 (4 is 30, 6 is 54, 8 41, 9 35).
    "age": {"counts": {"under_18": 2, "18_29": 3, "55_and_over": 3}, "missing": 0},
    # ISCED 0-2: 1 5 7; 3-4: 2 8 11 12; 5-8: 4 9; not known 3 6 10.
    "education": {"counts": {"isced_0_2": 3, "isced_3_4": 4, "isced_5_8": 2}, "missing": 3},
    # Outside the EU: MA EG PE UA AL (RO is in it); 6 has no citizenship in the register.
    "third_country_national": {"count": 5, "missing": 1},
    # Consent in force: 1 3 5 9 11 (4 refused, 7 withdrawn). Disability answered by 1 3 5 9:
    # yes 1 5; homelessness answered by 1 3 9 11: yes 3 11; the others cannot be used.
    "disability": {"count": 2, "missing": 8},
    "foreign_background": {"count": 0, "missing": 12},
    "minority": {"count": 0, "missing": 12},
    "homeless": {"count": 2, "missing": 8},
}


@pytest.fixture
def twelve(projects, register, person, admin):
    san_siro = register["hubs"]["san-siro"]
    for n, (sex, birth, citizenship, labour, education, consent, special) in PEOPLE.items():
        member = person(sex=sex, birth=birth, citizenship=citizenship)
        support(member, san_siro, ENTRY, source=f"test:{n}")
        participant = Participant.objects.get(fiscal_code=member.fiscal_code)
        services.participant_complete(participant=participant, acting_user=admin,
                                      labour_status=labour, education=education,
                                      gender="non_binary" if n == 9 else None)
        if consent is not None:
            services.consent_record(participant=participant, given=consent != "no",
                                    how="signed_form", acting_user=admin)
        if special:
            services.special_categories_set(participant=participant, values=special,
                                            acting_user=admin)
        if consent == "withdrawn":
            services.consent_withdraw(participant=participant, acting_user=admin)
    # Outside what is counted: entered after the period, and in another project.
    support(person(), san_siro, dt.date(2026, 8, 1), source="test:late")
    support(person("H002"), register["hubs"]["lorenteggio"], ENTRY, source="test:other")
    return projects


def test_the_indicators_of_a_project_and_period_match_the_hand_count(twelve):
    assert indicators(project=twelve["oltre-san-siro"], period=PERIOD) == EXPECTED


def test_the_indicators_of_a_hub_count_its_participants_at_entry(twelve, register):
    assert indicators(hub=register["hubs"]["san-siro"], period=PERIOD) == EXPECTED
    assert indicators(hub=register["hubs"]["lorenteggio"], period=PERIOD)["total"] == {
        "count": 1, "missing": 0}


def test_the_period_keeps_out_who_entered_after_it(twelve):
    everyone = indicators(period=PERIOD)
    assert everyone["total"]["count"] == 13  # the twelve and Lorenteggio's
    assert indicators(project=twelve["oltre-san-siro"])["total"]["count"] == 13
