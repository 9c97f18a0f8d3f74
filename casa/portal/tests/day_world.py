"""A Community Manager's day, built through the real services of each domain (no row written by
hand): for a household, a walk-in today, an open case with a step overdue and a signed
repayment plan, a new problem report about its flat, a care visit that found a problem, a
tenant to call back, and an energy-contribution application the benefit officer asked
information for. The unit tests of casa/portal/tests and the browser test
tests/browser/test_community_manager_day.py share it."""

import datetime as dt
import importlib
import itertools
from decimal import Decimal

from django.utils import timezone

from casa.appointments import services as appointments
from casa.care import services as care
from casa.casework import services as casework
from casa.energy import decisions
from casa.energy.applying import DECLARATION_CODES, application_submit, needs_iban
from casa.energy.demo import create_demo_call
from casa.energy.models import Call
from casa.registry.models import HeatingCharge, Household, IseeDeclaration, Member, Unit
from casa.reports import services as reports
from casa.reports.models import Category

IBAN = "IT42L1234512345123456789012"
_numbers = itertools.count(1)


def lift_category():
    """The category of a stuck lift. A browser test's database is emptied between tests, the
    categories the data migration wrote too: written again when missing."""
    found = Category.objects.filter(code="lift").first()
    if found is None:
        from django.apps import apps

        importlib.import_module("casa.reports.migrations.0002_categories").create(apps, None)
        found = Category.objects.get(code="lift")
    return found


def energy_call():
    today = timezone.localdate()
    return Call.objects.order_by("pk").first() or create_demo_call(today=today)


def give_register_facts(household):
    """An ISEE valid today and a heating charge of the demo call's season, as the register's
    import would bring them, and arrears with no repayment plan recorded."""
    today = timezone.localdate()
    IseeDeclaration.objects.create(
        household=household, kind="ordinario", value_eur=Decimal("12000.00"),
        dsu_protocol=f"INPS-ISEE-{today.year}-{next(_numbers):08d}D-00",
        issued_on=today - dt.timedelta(days=30), valid_until=today + dt.timedelta(days=150))
    HeatingCharge.objects.create(household=household, season=energy_call().season,
                                 basis="estimate", amount_eur=Decimal("400.00"))
    Household.objects.filter(pk=household.pk).update(arrears_eur=Decimal("350.00"),
                                                     repayment_plan=False)
    household.refresh_from_db()


def new_household(building, number):
    """Another household in `building`, with a head of household."""
    unit = Unit.objects.create(code=f"U-D{number:04d}", building=building, entrance="C",
                               floor="1", door=str(number), rooms=2, area_sqm=Decimal("50"))
    household = Household.objects.create(code=f"D{number:04d}", unit=unit,
                                         tenancy_start=dt.date(2015, 1, 1),
                                         rent_band="protezione", arrears_eur=Decimal("0"),
                                         email=f"d{number}@example.invalid", language="it")
    Member.objects.create(household=household,
                          fiscal_code=f"DAYMRA80A01F{number:03d}X"[:16], first_name="Lucia",
                          last_name=f"Giorno{number}", birth_date=dt.date(1940, 1, 1), sex="F",
                          relation="head", citizenship="IT")
    return household


def fill_day(household, *, manager, carer, officer, lift=None):
    """One of everything for `household`, by the staff of its hub. Returns what was made."""
    today = timezone.localdate()
    made = {}
    made["walk_in"] = appointments.appointment_record_walk_in(
        hub=household.unit.building.hub, household=household, topic="bills",
        summary="", private_note="", acting_user=manager)
    case = casework.case_open(household=household, reason="arrears", acting_user=manager)
    casework.action_add(case=case, text=f"Chiamare per l'ISEE {household.code}",
                        due_on=today - dt.timedelta(days=2), owner_kind="staff",
                        for_tenant=False, acting_user=manager)
    casework.arrears_record(case=case, debt_eur=Decimal("350.00"),
                            plan_signed_on=today - dt.timedelta(days=1), acting_user=manager)
    made["case"] = case
    made["report"] = reports.report_create(
        category=lift or lift_category(), place="flat",
        description="L'ascensore è fermo da ieri.", household=household, acting_user=manager)
    head = household.members.current().order_by("pk").first()
    resident = care.resident_register(
        fiscal_code=head.fiscal_code, reason="elderly_alone",
        consent_on=today - dt.timedelta(days=10), consent_how="signed", visit_every_days=7,
        acting_user=carer)
    made["visit"] = care.visit_record(resident=resident, notes="Frigorifero vuoto.",
                                      problem_found=True, acting_user=carer)
    made["resident"] = resident
    give_register_facts(household)
    iban = IBAN if needs_iban(household) else ""
    application = application_submit(
        call=energy_call(), household=household, channel="assisted",
        declarations=DECLARATION_CODES, iban=iban,
        iban_holder=head.fiscal_code if iban else "",
        identity={"document": "passport", "number": f"YA{next(_numbers):07d}",
                  "read_and_signed": True},
        acting_user=manager)
    made["callback"] = appointments.callback_ask(
        household=household, topic="bills", phone="02 1234 5678", best_time="morning",
        note="Vorrei capire la bolletta.", acting_user=manager)
    made["application"] = decisions.application_request_information(
        application=application, message="Manca la bolletta del riscaldamento.",
        acting_user=officer)
    return made
