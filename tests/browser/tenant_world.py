"""A tenant's world for the browser tests that go through every tenant page, built through the
real services: their Spazio CASA open with a Community Manager at the desk and a summer
closure, a booked appointment (and its messages), a notice with an attachment, an event they
registered for and one they did not, an event at another hub, the energy call open to them,
and a benefit officer. The clock is Monday 30 November 2026, 8:00 in Rome (time_machine, see
ROME_MONDAY_8)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from casa.appointments.services import appointment_book
from casa.core.uploads import check_upload
from casa.energy.demo import create_demo_call
from casa.energy.tests.answer_helpers import pdf
from casa.energy.tests.backoffice import give
from casa.events.services import event_create, registration_create
from casa.hubs import services as hub_services
from casa.hubs.tests.helpers import at_desk, open_hub, weekdays
from casa.notices.services import notice_publish
from casa.registry.models import Building
from conftest import FISCAL_CODES

ROME = ZoneInfo("Europe/Rome")
ROME_MONDAY_8 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=ROME)
# Days with free times at San Siro (the manager is at the desk 9:00-13:00 on weekdays).
FREE_DAY = dt.date(2026, 12, 2)  # Wednesday
BOOKED_AT = dt.datetime(2026, 12, 3, 10, 0, tzinfo=ROME)  # Thursday


def at(day, time):
    """`day` at "H:MM" in Rome."""
    hours, minutes = time.split(":")
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)), tzinfo=ROME)


def open_san_siro(register, make_user):
    """San Siro open 9:00-13:00 and 14:00-17:00 on weekdays, closed in August 2027, with
    Chiara Colombo at the desk 9:00-13:00: (hub, manager)."""
    hub = open_hub(register["hubs"]["san-siro"],
                   hours=weekdays(("9:00", "13:00"), ("14:00", "17:00")))
    manager = make_user("community_manager", hubs=[hub])
    manager.first_name, manager.last_name = "Chiara", "Colombo"
    manager.save()
    at_desk(manager, hub, weekdays(("9:00", "13:00")))
    hub_services.closure_add(hub=hub, starts_on=dt.date(2027, 8, 2), ends_on=dt.date(2027, 8, 20),
                             reason="Chiusura estiva", acting_user="tests")
    return hub, manager


def build(register, make_user):
    """Call inside time_machine.travel(ROME_MONDAY_8)."""
    hubs = register["hubs"]
    household = register["households"]["H001"]
    hub, manager = open_san_siro(register, make_user)
    open_hub(hubs["lorenteggio"])

    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    appointment = appointment_book(household=household, hub=hub, topic="isee",
                                   starts_at=BOOKED_AT, note="Porto la DSU",
                                   acting_user=tenant)

    publisher = make_user("programme_manager")
    notice = notice_publish(
        title="Niente riscaldamento in via Zamagna 5",
        body="Guasto alla caldaia: i tecnici sono al lavoro, il riscaldamento torna domani.",
        audience="building", building=Building.objects.get(code="B001"),
        attachment=check_upload(pdf("orari-intervento.pdf")), acting_user=publisher)
    notice_publish(title="Assemblea a Lorenteggio", body="Giovedì alle 18.", audience="hub",
                   hub=hubs["lorenteggio"], acting_user=publisher)
    other_notice = notice_publish(title="Lavori in via Giambellino", body="Dal 9 dicembre.",
                                  audience="building",
                                  building=Building.objects.get(code="B002"),
                                  acting_user=publisher)

    def event(hub, title, days, place="Sala comune"):
        start = dt.datetime.combine(ROME_MONDAY_8.date() + dt.timedelta(days=days),
                                    dt.time(17, 0), tzinfo=ROME)
        return event_create(hub=hub, title=title, description="Ti aiutiamo a usare lo SPID.",
                            starts_at=start, ends_at=start + dt.timedelta(hours=2),
                            place=place, capacity=8, max_people=3, acting_user=publisher)

    registered = event(hub, "Sportello digitale", 3)
    registration_create(event=registered, household=household, people=2, acting_user=tenant)
    open_event = event(hub, "Corso di risparmio energetico", 5)
    elsewhere = event(hubs["lorenteggio"], "Festa di quartiere", 6, place="Cortile")

    officer = make_user("benefit_officer")  # asks for information when a test wants it
    call = create_demo_call(today=ROME_MONDAY_8.date())
    give(household, isee="12000.00", charge="900.00", on=ROME_MONDAY_8.date())
    return SimpleNamespace(hub=hub, manager=manager, tenant=tenant, household=household,
                           appointment=appointment, notice=notice, other_notice=other_notice,
                           registered_event=registered, open_event=open_event,
                           elsewhere_event=elsewhere, call=call, publisher=publisher,
                           officer=officer)


def report_categories():
    """The report categories of migration 0002 again: browser tests run on a database flushed
    after each test (transactional_db), which takes away what data migrations wrote."""
    import importlib

    from django.apps import apps

    importlib.import_module("casa.reports.migrations.0002_categories").create(apps, None)


def add_neighbour(building, make_user):
    """Amina Haddad (household H004, entrance B, 4th floor) in `building`: her tenant user."""
    from decimal import Decimal

    from casa.registry.models import Household, Member, Unit

    unit = Unit.objects.create(code="U-H004", building=building, entrance="B", floor="4",
                               door="12", rooms=2, area_sqm=Decimal("48.00"))
    household = Household.objects.create(code="H004", unit=unit,
                                         tenancy_start=dt.date(2019, 6, 1),
                                         rent_band="protezione", arrears_eur=Decimal("0"),
                                         email="h004@example.invalid", language="it")
    Member.objects.create(household=household, fiscal_code=FISCAL_CODES[3], first_name="Amina",
                          last_name="Haddad", birth_date=dt.date(1979, 2, 3), sex="F",
                          relation="head", citizenship="MA")
    return make_user("tenant", fiscal_code=FISCAL_CODES[3])


def add_reports(world, make_user):
    """Issue 10: a neighbour in the tenant's building (H004) with an open report of a water
    leak on the stairs; the tenant's own report of the lift, resolved by the Community Manager
    (so its page asks "is it really fixed?"). Built through the services."""
    from casa.reports.models import Category
    from casa.reports.services import report_change_status, report_create

    report_categories()
    neighbour = add_neighbour(world.household.unit.building, make_user)
    leak = report_create(category=Category.objects.get(code="water_leak"), place="entrance",
                         description="Scende acqua dal soffitto delle scale, al terzo piano.",
                         acting_user=neighbour)
    lift = report_create(category=Category.objects.get(code="lift"), place="entrance",
                         description="L'ascensore si ferma tra il primo e il secondo piano.",
                         acting_user=world.tenant)
    report_change_status(report=lift, status="resolved", acting_user=world.manager,
                         public_message="Il tecnico ha sostituito la scheda.")
    world.neighbour, world.leak_report, world.lift_report = neighbour, leak, lift
    return world
