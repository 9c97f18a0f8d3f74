"""`manage.py seed_demo`: the nine Spazi CASA, a synthetic register and a demo account for
every role, so that a newcomer can log in and look around. Deterministic for a seed and safe
to run twice. `--csv DIR` only writes the register as the import's CSV files."""

import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext as _

from casa.accounts.models import Role, User
from casa.accounts.services import user_create
from casa.activities.demo import create_demo_activities
from casa.appointments.demo import create_demo_appointments, demo_managers
from casa.care.demo import create_demo_care
from casa.casework.demo import create_demo_cases, overdue_count
from casa.energy.applying import expected_outcome
from casa.energy.demo import create_demo_applications, create_demo_call
from casa.energy.models import Application, ApplicationStatus
from casa.events.demo import create_demo_events
from casa.hubs.demo import create_hub_demo
from casa.notices.demo import create_demo_notices
from casa.participants.demo import complete_demo_participants
from casa.participants.projects import assign_hubs
from casa.registry.demo import create_hubs, write_register_csv
from casa.registry.importing import import_registry
from casa.registry.models import Household, Member
from casa.reports.demo import create_demo_contractors, create_demo_reports
from casa.spid.models import Kind
from casa.spid.testidp import NAMES as TEST_PROVIDERS

ACTOR = "seed_demo"
DEMO_DOMAIN = "demo.casa.invalid"
DEMO_PASSWORD = "casa-demo-2026"  # noqa: S105 - published on purpose: demo data only

# (e-mail, role, first name, last name, hub codes). Invented people.
STAFF_ACCOUNTS = (
    ("cm.sansiro", Role.COMMUNITY_MANAGER, "Chiara", "Colombo", ("san-siro",)),
    ("cm.lorenteggio", Role.COMMUNITY_MANAGER, "Davide", "Mariani", ("lorenteggio",)),
    ("cm.sud", Role.COMMUNITY_MANAGER, "Samira", "Benali", ("gratosoglio", "rozzano")),
    ("care.sansiro", Role.CARE_STAFF, "Rosa", "Fontana", ("san-siro",)),
    # Issue 11: the social coordinator who supervises San Siro's and Lorenteggio's CMs.
    ("coordinamento", Role.SOCIAL_COORDINATOR, "Giulia", "Ferri", ("san-siro", "lorenteggio")),
    ("istruttore", Role.BENEFIT_OFFICER, "Marco", "Sartori", ()),
    ("approvatore", Role.APPROVER, "Elena", "Galli", ()),
    ("programma", Role.PROGRAMME_MANAGER, "Paolo", "Riva", ()),
    ("auditor", Role.AUDITOR, "Laura", "Negri", ()),
    ("admin", Role.ADMIN, "Andrea", "Villa", ()),
)

# (e-mail, hub codes to look in, what else the tenant should be). Picked from the register
# after the import, the first matching household by code: deterministic for a seed.
TENANT_ACCOUNTS = (
    # An Italian household that looks eligible for the energy contribution.
    ("tenant.sansiro", ("san-siro",),
     Q(household__language="it", household__rent_band__in=["protezione", "accesso"],
       household__arrears_eur=0, household__unit__building__heating="central",
       household__isee_declarations__value_eur__gte="9360.01",
       household__isee_declarations__value_eur__lte="15000.00")),
    # Born abroad (a Z cadastral code), using another language.
    ("tenant.lorenteggio", ("lorenteggio", "san-siro"),
     Q(fiscal_code__regex=r"^.{11}Z") & ~Q(household__language="it")),
    # An Italian household in the south of Milan or the province (the hubs of cm.sud),
    # eligible for the energy contribution: their application is paid.
    ("tenant.sud", ("gratosoglio", "rozzano", "cinisello-balsamo"), Q(household__language="it")),
    # Issue 12: households that read CASA in Arabic (right to left) and in Chinese, from the
    # register's language, with no button pressed.
    ("tenant.arabo", ("quarto-oggiaro", "molise-calvairate", "mazzini", "salomone"),
     Q(household__language="ar")),
    ("tenant.cinese", ("mazzini", "salomone", "molise-calvairate", "quarto-oggiaro"),
     Q(household__language="zh")),
)

# Tenants who show a language of their own (issue 12): in a hub of their own when the register
# has one left, else beside another demo tenant (a small register covers few hubs).
LANGUAGE_TENANTS = ("tenant.arabo", "tenant.cinese")

# The demo tenants who have applied to the demo call: the first one's application is paid, the
# second one's waits for information from them. The other tenant has not applied yet: log in
# as them to try applying.
APPLYING_TENANTS = ("tenant.sud", "tenant.lorenteggio")
ELIGIBLE_TENANTS = ("tenant.sansiro", "tenant.sud")

ROLE_ORDER = {role: index for index, role in enumerate(Role)}


def demo_email(local):
    return f"{local}@{DEMO_DOMAIN}"


class Command(BaseCommand):
    help = ("Load demo data: nine Spazi CASA, a synthetic register and a demo account for "
            "every role (password casa-demo-2026). With --csv, only write the register CSVs.")

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=2000, metavar="N",
                            help="How many households the register holds (default 2000).")
        parser.add_argument("--seed", type=int, default=1, metavar="S",
                            help="Random seed: the same seed gives the same data (default 1).")
        parser.add_argument("--csv", type=Path, metavar="DIR",
                            help="Only write the register as CSV files into DIR; no database.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Leave the data alone if the database already holds "
                                 "households; still print the demo logins.")
        parser.add_argument("--no-logins", action="store_true",
                            help="Do not print the demo logins at the end.")
        parser.add_argument("--logins", action="store_true",
                            help="Only print the demo logins (make run prints them last).")

    def handle(self, *args, households, seed, csv, if_empty, no_logins=False, logins=False,
               **options):
        if households < 0:
            raise CommandError(_("--households must be 0 or more."))
        if logins:
            self.print_logins()
            return
        if csv is not None:
            self.write_csv(csv, households=households, seed=seed)
            return
        if if_empty and Household.objects.exists():
            self.stdout.write(_("The database already holds a register: demo data not "
                                "loaded."))
        else:
            self.seed(households=households, seed=seed)
            self.analyze()
        if not no_logins:
            self.print_logins()

    @staticmethod
    def analyze():
        """PostgreSQL plans queries from table statistics: right after thousands of rows are
        loaded into tables it last saw empty, it would plan for one row (nested loops over the
        whole register) until autovacuum catches up. ANALYZE refreshes them at once: after the
        register's import, for the demo's own services (the care demo's visits took minutes
        on a test database planned as empty), and at the end."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def write_csv(self, directory, *, households, seed):
        started = time.perf_counter()
        counts = write_register_csv(directory, households=households, seed=seed)
        elapsed = time.perf_counter() - started
        for name, rows in counts.items():
            self.stdout.write(_("%(file)s: %(rows)s rows")
                              % {"file": directory / name, "rows": rows})
        self.stdout.write(_("Written in %(seconds).1f s.") % {"seconds": elapsed})

    def seed(self, *, households, seed):
        started = time.perf_counter()
        hubs = create_hubs()
        self.stdout.write(_("%(count)s Spazi CASA.") % {"count": len(hubs)})
        # Issue 11: each hub into its FSE+ funded project (the projects come by migration).
        assign_hubs()
        with tempfile.TemporaryDirectory(prefix="casa-demo-") as directory:
            write_register_csv(Path(directory), households=households, seed=seed)
            result = import_registry(directory, actor=ACTOR, progress=sys.stderr.isatty())
        if result.rejections:
            for rejection in result.rejections[:10]:
                self.stderr.write(_("%(file)s line %(line)s, %(column)s: %(reason)s")
                                  % {"file": rejection.file, "line": rejection.line,
                                     "column": rejection.column or "-",
                                     "reason": rejection.reason})
            raise CommandError(_("The importer rejected %(count)s rows of the demo register.")
                               % {"count": len(result.rejections)})
        for stats in result.files.values():
            self.stdout.write(
                _("%(file)s: %(created)s created, %(updated)s updated, %(unchanged)s "
                  "unchanged.") % {"file": stats.name, "created": stats.created,
                                   "updated": stats.updated, "unchanged": stats.unchanged})
        # The demo's services read the register just loaded: plan their queries for its size.
        self.analyze()
        call = create_demo_call(acting_user=ACTOR)
        self.stdout.write(_("Energy contribution call %(code)s, open until %(closes)s.")
                          % {"code": call.code,
                             "closes": f"{localtime(call.closes_at):%d/%m/%Y %H:%M}"})
        created = self.create_accounts(call)
        self.stdout.write(_("%(count)s demo accounts created.") % {"count": created})
        # Issue 9: the hubs' pages, hours, closures and staff.
        filled = create_hub_demo(today=localdate(), acting_user=ACTOR)
        self.stdout.write(_("%(count)s Spazi CASA with hours, closures and staff.")
                          % {"count": filled})
        booked = create_demo_appointments(
            managers=demo_managers([demo_email(local) for local, role, *_rest in STAFF_ACCOUNTS
                                    if role == Role.COMMUNITY_MANAGER]),
            tenant=User.objects.filter(email=demo_email("tenant.sansiro")).first())
        self.stdout.write(_("%(count)s appointments in the Community Managers' agendas.")
                          % {"count": booked})
        counts = self.create_applications(call, seed=seed)
        self.stdout.write(_("Applications to %(code)s: %(counts)s.") % {
            "code": call.code,
            "counts": "; ".join(f"{ApplicationStatus(status).label}: {count}"
                                for status, count in counts.items()) or "0"})
        notices, events = self.create_notices_and_events()
        self.stdout.write(_("%(notices)s notices and %(events)s events at the Spazi CASA.")
                          % {"notices": notices, "events": events})
        # Issue 11 (activities): a few activities with past sessions and attendance.
        activities = self.create_activities()
        self.stdout.write(_("%(count)s activities with sessions and attendance.")
                          % {"count": activities})
        # Issue 10: problem reports over the last two months, and the contractors.
        reports_started = time.perf_counter()
        contractors = create_demo_contractors()
        reports = create_demo_reports(
            tenant=User.objects.filter(email=demo_email("tenant.sansiro")).first(),
            seed=seed, acting_user=ACTOR)
        self.stdout.write(_("%(reports)s problem reports and %(contractors)s contractors "
                            "(%(seconds).1f s).")
                          % {"reports": reports, "contractors": contractors,
                             "seconds": time.perf_counter() - reports_started})
        # Issue 11 (i11demo): case files and the care staff's work, after the reports (the
        # reports' demo adds nothing once a report exists, and a round opens one).
        social_started = time.perf_counter()
        tenant = User.objects.filter(email=demo_email("tenant.sansiro")).first()
        cases = create_demo_cases(tenant=tenant)
        care = create_demo_care()
        self.stdout.write(_("%(cases)s case files (%(overdue)s overdue actions), %(rounds)s "
                            "rounds, %(incidents)s incidents, %(residents)s fragile residents "
                            "with %(visits)s visits (%(seconds).1f s).")
                          % {"cases": cases, "overdue": overdue_count(), **care,
                             "seconds": time.perf_counter() - social_started})
        completed = complete_demo_participants(
            manager=User.objects.filter(email=demo_email("cm.sansiro")).first())
        self.stdout.write(_("%(count)s FSE+ participants completed by the Community Manager "
                            "of San Siro.") % {"count": completed})
        self.stdout.write(_("Done in %(seconds).1f s.")
                          % {"seconds": time.perf_counter() - started})

    @staticmethod
    def create_applications(call, *, seed):
        users = {user.email: user for user in User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}").prefetch_related("hubs")}
        staff = {local: users.get(demo_email(local))
                 for local in ("istruttore", "approvatore", "admin")}
        if None in staff.values():
            return {}
        assistants = [users[demo_email(local)] for local, role, *_rest in STAFF_ACCOUNTS
                      if role == Role.COMMUNITY_MANAGER and demo_email(local) in users]
        tenants = [users[demo_email(local)] for local in APPLYING_TENANTS
                   if demo_email(local) in users]
        return create_demo_applications(call=call, officer=staff["istruttore"],
                                        approver=staff["approvatore"], assistants=assistants,
                                        desk=staff["admin"],
                                        tenants=tenants, seed=seed)

    @staticmethod
    def create_notices_and_events():
        """Issue 9: notices and events published by the demo's staff, through the services."""
        users = {user.email: user for user in User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}").prefetch_related("hubs")}
        programme_manager = users.get(demo_email("programma"))
        if programme_manager is None:
            return 0, 0
        managers = [users[demo_email(local)] for local, role, *_rest in STAFF_ACCOUNTS
                    if role == Role.COMMUNITY_MANAGER and demo_email(local) in users]
        notices = create_demo_notices(programme_manager=programme_manager, managers=managers)
        events = create_demo_events(programme_manager=programme_manager, managers=managers)
        return len(notices), len(events)

    @staticmethod
    def create_activities():
        """Issue 11 (activities): run by the demo's Community Managers, through the services."""
        users = {user.email: user for user in User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}").prefetch_related("hubs")}
        programme_manager = users.get(demo_email("programma"))
        if programme_manager is None:
            return 0
        managers = [users[demo_email(local)] for local, role, *_rest in STAFF_ACCOUNTS
                    if role == Role.COMMUNITY_MANAGER and demo_email(local) in users]
        return create_demo_activities(programme_manager=programme_manager, managers=managers)

    def create_accounts(self, call=None):
        from casa.registry.models import Hub

        hubs = {hub.code: hub for hub in Hub.objects.all()}
        # One slow hash for all the demo accounts: they share the published password.
        validate_password(DEMO_PASSWORD)
        password = {"password": None, "hashed_password": make_password(DEMO_PASSWORD)}
        created = 0
        used_hubs = set()
        for local, role, first_name, last_name, hub_codes in STAFF_ACCOUNTS:
            if User.objects.filter(email=demo_email(local)).exists():
                continue
            user_create(email=demo_email(local), role=role, first_name=first_name,
                        last_name=last_name, hubs=[hubs[code] for code in hub_codes],
                        acting_user=ACTOR, **password)
            created += 1
        for local, hub_codes, extra in TENANT_ACCOUNTS:
            existing = User.objects.filter(email=demo_email(local)).first()
            if existing is not None:
                used_hubs.add(self.hub_of(existing.fiscal_code))
                continue
            check = None
            if local in ELIGIBLE_TENANTS and call is not None:
                # The rule finds the household eligible today: the newcomer can apply, and
                # the first applying tenant's application can be paid.
                def check(member, call=call):
                    return expected_outcome(call=call, household=member.household,
                                            on=localdate()).eligible
            member = self.pick_tenant(hub_codes, extra, avoid_hubs=used_hubs, check=check)
            if member is None and local in LANGUAGE_TENANTS:
                member = self.pick_tenant(hub_codes, extra, check=check)
            if member is None:
                self.stderr.write(_("No household fits the demo account %(email)s: not "
                                    "created.") % {"email": demo_email(local)})
                continue
            user_create(email=demo_email(local), role=Role.TENANT,
                        first_name=member.first_name, last_name=member.last_name,
                        fiscal_code=member.fiscal_code, acting_user=ACTOR, **password)
            used_hubs.add(member.household.unit.building.hub_id)
            created += 1
        return created

    @staticmethod
    def hub_of(fiscal_code):
        return (Member.objects.current().filter(fiscal_code=fiscal_code)
                .values_list("household__unit__building__hub", flat=True).first())

    @staticmethod
    def pick_tenant(hub_codes, extra, *, avoid_hubs=(), check=None):
        """The head of the first current household (by code) matching `extra` in the first
        of `hub_codes` that has one, not yet linked to an account and not in `avoid_hubs`;
        then in any hub, then without `extra`, so that even a small register gets its tenant
        accounts. With `check`, only a head for whom check(member) is true."""
        taken = User.objects.exclude(fiscal_code=None).values("fiscal_code")
        heads = (Member.objects.current().filter(relation="head", household__tenancy_end=None,
                                                 household__unit__building__hub__isnull=False)
                 .exclude(fiscal_code__in=taken)
                 .exclude(household__unit__building__hub__in=[hub for hub in avoid_hubs if hub])
                 .select_related("household__unit__building")
                 .order_by("household__code"))
        for condition in (extra, Q()):
            for code in (*hub_codes, None):
                in_hub = Q(household__unit__building__hub__code=code) if code else Q()
                if check is None:
                    member = heads.filter(condition, in_hub).first()
                    if member is not None:
                        return member
                    continue
                for member in heads.filter(condition, in_hub).iterator():
                    if check(member):
                        return member
        return None

    @staticmethod
    def where(user):
        """A staff member's hubs; a tenant's household, its hub and language."""
        if not user.is_tenant:
            return ", ".join(hub.name for hub in user.hubs.all()) or "-"
        member = (Member.objects.current()
                  .filter(fiscal_code=user.fiscal_code, household__tenancy_end=None)
                  .select_related("household__unit__building__hub").first())
        if member is None:
            return "-"
        household = member.household
        hub = household.unit.building.hub
        application = (Application.objects.filter(household=household)
                       .order_by("-submitted_at").first())
        state = (application.get_status_display() if application
                 else _("no application yet: try applying"))
        return _("%(hub)s (household %(household)s, language %(language)s; energy "
                 "contribution: %(state)s)") % {
            "hub": hub.name if hub else "-", "household": household.code,
            "language": household.language, "state": state}

    def print_logins(self):
        users = sorted(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
                       .prefetch_related("hubs"),
                       key=lambda user: (ROLE_ORDER.get(user.role, 99), user.email))
        if not users:
            self.stdout.write(_("No demo accounts in this database."))
            return
        rows = [(_("Role"), _("E-mail"), _("Password"), _("Spazi CASA or household"))]
        for user in users:
            rows.append((str(user.get_role_display()), user.email, DEMO_PASSWORD,
                         self.where(user)))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo logins")))
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            line = f"{line}  {row[3]}"
            self.stdout.write(self.style.MIGRATE_LABEL(line) if index == 0 else line)
        if settings.CASA_SPID_TEST_IDP:
            self.stdout.write(_("Tenants can also log in with “Entra con SPID” → “%(provider)s”: "
                                "pick their fiscal code on the test provider's page.")
                              % {"provider": TEST_PROVIDERS[Kind.SPID]})
        self.stdout.write("")
