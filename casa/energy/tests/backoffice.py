"""Helpers for the back-office and tenant page tests: register data for screening, English
pages, and immediate background tasks."""

import datetime as dt
from decimal import Decimal

from django.conf import settings

from casa.registry.models import HeatingCharge, IseeDeclaration

ON = dt.date(2025, 11, 20)
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
_protocols = iter(range(1, 10**6))


def give(household, *, isee=None, charge=None, kind="ordinario", other_aid=None,
         basis="estimate", on=ON):
    """An ISEE valid on `on` (issued a month before, valid five months after) and a heating
    charge for the 2025-26 season."""
    if isee is not None:
        IseeDeclaration.objects.create(
            household=household, kind=kind, value_eur=Decimal(isee),
            dsu_protocol=f"INPS-ISEE-{on.year}-{next(_protocols):08d}A-00",
            issued_on=on - dt.timedelta(days=30), valid_until=on + dt.timedelta(days=150))
    if charge is not None:
        HeatingCharge.objects.create(
            household=household, season="2025-26", basis=basis, amount_eur=Decimal(charge),
            other_aid_eur=Decimal(other_aid) if other_aid is not None else None)


def eligible_register(register):
    """H001 (San Siro) and H002 (Lorenteggio) eligible, H003 (no hub, permanenza) not."""
    households = register["households"]
    give(households["H001"], isee="12000.50", charge="1500.00")  # 600.00, capped
    give(households["H002"], isee="10000.00", charge="800.00")  # 400.00
    give(households["H003"], isee="11000.00", charge="700.00")  # band permanenza
    return households


def login(client, user, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client
