"""Applications in any state for the energy tests, built through the real services (as Zulip
builds its fixtures): submitted with application_submit, decided and confirmed with
casa.energy.decisions, paid by a payment run that is delivered and confirmed. Nothing here
writes a status, a decision or a ledger row by hand."""

import datetime as dt
import itertools
from decimal import Decimal

import time_machine
from django.utils import timezone

from casa.accounts.models import User
from casa.energy import decisions, payments
from casa.energy import recompute as recomputing
from casa.energy.applying import DECLARATION_CODES, application_submit, needs_iban
from casa.energy.demo import create_demo_call
from casa.energy.models import ApplicationStatus, Call, Channel, DecisionState
from casa.registry.models import Building, ChargeBasis, HeatingCharge, Household, Member, Unit

from .backoffice import ON, give

S = ApplicationStatus
_numbers = itertools.count(1)
# A valid Italian IBAN (the textbook example's check digits) for transfer tests.
TENANT_IBAN = "IT42L1234512345123456789012"


def at_noon(minutes=0, day=ON):
    """`day` at noon in Europe/Rome, plus `minutes`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0))) + dt.timedelta(
        minutes=minutes)


def clock(moment):
    """The server's clock stopped at `moment` (time-machine: timezone.now, and the timestamps
    models default to it). Log in inside the block: a session is valid for hours from the
    clock's time."""
    return time_machine.travel(moment, tick=False)


def demo_call(*, budget=None, four_eyes_above=None):
    """The demo call, open around ON; with a chosen budget and four-eyes threshold."""
    call = create_demo_call(today=ON)
    changes = {}
    if budget is not None:
        changes["budget_eur"] = Decimal(budget)
    if four_eyes_above is not None:
        changes["four_eyes_above_eur"] = Decimal(four_eyes_above)
    if changes:
        Call.objects.filter(pk=call.pk).update(**changes)
        call.refresh_from_db()
    return call


def household(*, isee="12000.00", charge="200.00", building=None, code=None, band="protezione",
              heating="central"):
    """An eligible household of the demo call, with a head of household: with a 200 € charge
    the contribution is 100 €."""
    number = next(_numbers)
    code_building = f"B-TEST-{heating}"
    building = building or Building.objects.filter(code=code_building).first() or (
        Building.objects.create(code=code_building, address="Via Test 1", municipality="Milano",
                                heating=heating, managed_by="aler"))
    unit = Unit.objects.create(code=f"U-T{number:05d}", building=building, entrance="A",
                               floor="1", door=str(number), rooms=2, area_sqm=Decimal("50"))
    found = Household.objects.create(code=code or f"T{number:05d}", unit=unit,
                                     tenancy_start=dt.date(2015, 1, 1), rent_band=band,
                                     arrears_eur=Decimal("0"),
                                     email=f"t{number}@example.invalid")
    Member.objects.create(household=found, fiscal_code=f"TSTMRA80A01F{number:03d}X"[:16],
                          first_name="Maria", last_name=f"Test{number}",
                          birth_date=dt.date(1980, 1, 1), sex="F", relation="head",
                          citizenship="IT")
    give(found, isee=isee, charge=charge)
    return found


def user(role, **extra):
    number = next(_numbers)
    return User.objects.create_user(email=f"{role}-f{number}@example.invalid",
                                    password="test-pass-123", role=role, first_name="Test",
                                    last_name=role.title(), **extra)


def submit(call, household, *, by, channel=Channel.ONLINE, minutes=0, iban=None):
    """The household's application, submitted on ON at noon plus `minutes` (through
    application_submit). At a desk (`channel` assisted) the identity check is recorded; homes
    with autonomous heating give an IBAN held by the head of household."""
    if iban is None:
        iban = TENANT_IBAN if needs_iban(household) else ""
    head = household.members.order_by("pk").first()
    identity = ({"document": "identity_card", "number": f"CA{next(_numbers):05d}AA",
                 "read_and_signed": True} if channel == Channel.ASSISTED else None)
    return application_submit(
        call=call, household=household, acting_user=by, channel=channel, iban=iban,
        iban_holder=head.fiscal_code if iban and head else "", identity=identity,
        declarations=DECLARATION_CODES, now=at_noon(minutes))


def approve_final(application, *, officer, approver=None):
    """Decide to approve; above the threshold, a second person (an approver) confirms."""
    decision = decisions.application_decide(application=application, approve=True,
                                            acting_user=officer)
    if decision.state == DecisionState.PENDING:
        decision = decisions.application_confirm(application=application,
                                                 acting_user=approver or user("approver"))
    application.refresh_from_db()
    return application


def approve(household, *, amount, officer, call=None, iban=None, approver=None):
    """An approved application of `household` for exactly `amount` (the charge is twice it, at
    the demo call's 50 %; at most 600.00), through the real services."""
    call = call or demo_call()
    amount = Decimal(amount)
    HeatingCharge.objects.filter(household=household, season=call.season).delete()
    give(household, isee="12000.00", charge=str(amount * 2))
    application = submit(call, household, by=desk(), channel=Channel.ASSISTED, iban=iban)
    return approve_final(application, officer=officer, approver=approver)


def desk():
    """A Community Manager who files applications at a Spazio CASA desk (and so decides none
    of them)."""
    return user("community_manager")


def reject(household, *, officer, call=None):
    """A rejected application (the rule finds the household not eligible): its decision."""
    call = call or demo_call()
    application = submit(call, household, by=desk(), channel=Channel.ASSISTED)
    return decisions.application_decide(application=application, approve=False,
                                        note="Requisiti non soddisfatti.", acting_user=officer)


def pay(call, *, officer, executed_on=None):
    """A payment run of everything due, its files handed over and its execution confirmed
    (today, unless `executed_on` says otherwise)."""
    run = payments.payment_run(call=call, acting_user=officer)
    if run.pk is not None:
        payments.mark_delivered(run, actor=officer)
        payments.payment_run_confirm(run=run, executed_on=executed_on or timezone.localdate(),
                                     reference="TEST",
                                     acting_user=officer)
        run.refresh_from_db()
    return run


def recompute(application, *, amount, officer, approver=None):
    """Actual costs arrive giving exactly `amount`: the recomputation decision (confirmed by an
    approver when the increase needs a second person)."""
    amount = Decimal(amount)
    HeatingCharge.objects.update_or_create(
        household=application.household, season=application.call.season,
        basis=ChargeBasis.ACTUAL, defaults={"amount_eur": amount * 2})
    recomputing.recompute_household(household=application.household, acting_user=officer)
    application.refresh_from_db()
    if decisions.pending_decision(application) is not None:
        decisions.application_confirm(application=application,
                                      acting_user=approver or user("approver"))
        application.refresh_from_db()
    return application.decisions.order_by("-decided_at", "-id").first()
