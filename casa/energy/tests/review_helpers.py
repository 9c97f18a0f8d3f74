"""Helpers for the review tests: the demo call with a chosen budget, households with an ISEE
and a heating charge, and applications written straight to the database (as
applying.application_submit would leave them)."""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from casa.energy.demo import create_demo_call
from casa.energy.models import Application, ApplicationStatus, Call, Channel
from casa.energy.review import evaluate_application
from casa.registry.models import Building, Household, Unit

from .backoffice import ON, give

_numbers = itertools.count(1)


def review_call(*, budget="1000.00", four_eyes_above="300.00"):
    call = create_demo_call(today=ON)
    Call.objects.filter(pk=call.pk).update(budget_eur=Decimal(budget),
                                           four_eyes_above_eur=Decimal(four_eyes_above))
    call.refresh_from_db()
    return call


def household(*, isee="12000.00", charge="200.00", building=None, code=None, band="protezione"):
    """An eligible household of the demo call: with a 200 € charge, the contribution is 100 €."""
    number = next(_numbers)
    building = building or Building.objects.filter(code="B-REVIEW").first() or (
        Building.objects.create(code="B-REVIEW", address="Via Test 1", municipality="Milano",
                                heating="central", managed_by="aler"))
    unit = Unit.objects.create(code=f"U-R{number:05d}", building=building, entrance="A",
                               floor="1", door=str(number), rooms=2, area_sqm=Decimal("50"))
    found = Household.objects.create(code=code or f"R{number:05d}", unit=unit,
                                     tenancy_start=dt.date(2015, 1, 1), rent_band=band,
                                     arrears_eur=Decimal("0"),
                                     email=f"r{number}@example.invalid")
    give(found, isee=isee, charge=charge)
    return found


def application(call, household, *, submitter, minutes=0, status=ApplicationStatus.SUBMITTED):
    """An application submitted on ON at noon (Europe/Rome) plus `minutes`, with the rule's
    outcome on that day stored as at submission."""
    number = next(_numbers)
    submitted = timezone.make_aware(dt.datetime.combine(ON, dt.time(12, 0))) + dt.timedelta(
        minutes=minutes)
    app = Application(
        call=call, household=household, protocol=f"CE-TEST-{number:06d}", status=status,
        submitted_at=submitted, submitted_by=submitter, channel=Channel.ONLINE,
        declarations=["truthful", "no_other_aid", "privacy"], expected_amount_eur=0)
    outcome = evaluate_application(app, on=ON)
    app.expected_amount_eur = outcome.amount
    app.reasons, app.trace = list(outcome.reasons), list(outcome.trace)
    app.save()
    return app
