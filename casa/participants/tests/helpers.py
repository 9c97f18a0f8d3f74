"""The funded projects over the tiny register of conftest.py (San Siro in CASA OLTRE San
Siro, Lorenteggio in CASA OLTRE Lorenteggio, building B003 in no hub), people added to its
households, and support given through the register's signal, as the other apps give it."""

import datetime as dt
import itertools

import pytest

from casa.registry.models import Member
from casa.registry.signals import give_support

_numbers = itertools.count(1)


@pytest.fixture
def projects(register):
    from casa.participants.models import FundedProject
    from casa.participants.projects import assign_hubs

    assign_hubs()
    return FundedProject.objects.in_bulk(field_name="code")


@pytest.fixture
def admin(make_user):
    return make_user("admin")


@pytest.fixture
def person(register):
    """person(household_code, sex, birth_date, citizenship) -> a new current Member."""

    def make(household="H001", *, sex="F", birth=dt.date(1980, 1, 1), citizenship="IT",
             relation="other"):
        number = next(_numbers)
        return Member.objects.create(
            household=register["households"][household],
            fiscal_code=f"PRTCPN{number:05d}F205X", first_name="Persona",
            last_name=f"Numero{number}", birth_date=birth, sex=sex, relation=relation,
            citizenship=citizenship)

    return make


def support(member, hub, on, source=None, actor=None):
    """Support as another app gives it: the register's signal."""
    give_support(member=member, hub=hub, on=on,
                 source=source or f"test:support:{member.fiscal_code}:{on}", actor=actor)
