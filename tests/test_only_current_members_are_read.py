"""Whoever reads the people of a household reads its current members (Member.objects.current(),
household.members.current()): the staff page, the desk and queue searches, the tenant's home,
the account holder of an IBAN, the applicant on forms and letters. Past memberships stay, for
the staff page's "former members" and the audit trail's search by person."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import clean_iban_holder
from casa.energy.assisted_form import head_of
from casa.energy.queue import search_filter
from casa.energy.views.apply_forms import member_choices
from casa.registry import selectors
from casa.registry.audit_trail import person_subjects
from casa.registry.models import Household, Member
from conftest import FISCAL_CODES

pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parent.parent
IBAN = "IT60X0542811101000000123456"
MARIO = FISCAL_CODES[0]


@pytest.fixture
def moved(register):
    """Mario Rossi, head of H001, moved to H002 (an import ended his first membership)."""
    today = timezone.localdate()
    Member.objects.filter(fiscal_code=MARIO).update(ended_on=today)
    Member.objects.create(household=register["households"]["H002"], fiscal_code=MARIO,
                          first_name="Mario", last_name="Rossi", birth_date=dt.date(1980, 1, 1),
                          sex="M", relation="other", citizenship="IT", started_on=today)
    return register


def codes(user, query, **filters):
    return [h.code for h in selectors.household_search(user=user, query=query, **filters)]


def test_the_desk_search_finds_a_person_in_their_current_household(moved, make_user):
    officer = make_user("benefit_officer")

    assert codes(officer, MARIO) == ["H002"]
    assert codes(officer, "rossi mario") == ["H002"]
    # Looking for old tenancies too, the household he left is found as well.
    assert codes(officer, MARIO, include_ended=True) == ["H001", "H002"]


def test_the_queue_search_finds_a_person_in_their_current_household(moved):
    for query in (MARIO, "rossi mario"):
        (lookup, found), = search_filter(query).children
        ids = [next(iter(row.values())) for row in found]
        assert lookup == "household__in"
        assert list(Household.objects.filter(pk__in=ids).values_list("code", flat=True)) == [
            "H002"]


def test_the_household_page_lists_former_members_apart(client, moved, make_user):
    client.force_login(make_user("benefit_officer"))

    left = client.get(reverse("registry:household_detail", args=["H001"])).context
    joined = client.get(reverse("registry:household_detail", args=["H002"])).context

    assert left["members"] == []
    assert [m.fiscal_code for m in left["former_members"]] == [MARIO]
    assert MARIO in [member.fiscal_code for member, _age in joined["members"]]
    assert joined["former_members"] == []


def test_the_api_lists_current_members_only(client, moved, make_user):
    client.force_login(make_user("benefit_officer"))

    body = client.get(reverse("api:household_detail", args=["H001"])).json()

    assert body["members"] == []


def test_a_former_member_cannot_hold_the_households_account(moved):
    h001, h002 = (Household.objects.get(code=code) for code in ("H001", "H002"))

    with pytest.raises(ValidationError):
        clean_iban_holder(h001, MARIO, iban=IBAN)
    assert clean_iban_holder(h002, MARIO, iban=IBAN) == ("Mario Rossi", MARIO)
    assert [value for value, _label in member_choices(h001)] == [""]


def test_forms_and_letters_name_a_current_member(moved):
    assert head_of(Household.objects.get(code="H001")) is None
    assert head_of(Household.objects.get(code="H002")).fiscal_code == FISCAL_CODES[1]


def test_the_audit_trail_finds_every_household_a_person_belonged_to(moved):
    assert sorted(person_subjects(MARIO)) == ["household:H001", "household:H002"]


# A read of Member rows that does not go through current(), unless its line says "# history"
# and why (the audit trail's search by person, the staff page's former members).
UNCURRENT = re.compile(
    r"\bmembers\.(?!current\()\w+\("  # household.members.all() / .filter(...)
    r"|\bMember\.objects\.(?!current\()\w+\("  # Member.objects.filter(...)
    r"|\b(?:\w+__)?members__\w+"  # Q(members__fiscal_code=...)
    r"|prefetch_related\(.*(?<!Prefetch\()[\"'](?:\w+__)?members[\"']"  # ("members")
    r"|Prefetch\(\s*[\"'](?:\w+__)?members[\"']\s*,\s*queryset=Member\.objects\.(?!current\()"
)


def test_no_code_reads_members_without_saying_current():
    offending = []
    for folder in ("casa", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or "/migrations/" in relative:
                continue
            text = path.read_text()
            for match in UNCURRENT.finditer(text):
                number = text.count("\n", 0, match.start()) + 1
                line = text.splitlines()[number - 1]
                if "# history" not in line:
                    offending.append(f"{relative}:{number}: {line.strip()}")
    assert offending == []
