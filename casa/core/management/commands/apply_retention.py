"""python manage.py apply_retention [--dry-run] [--only NAME ...]: pseudonymise or remove what
has outlived its retention period (casa/core/retention.py), and say what was done."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from casa.core import retention


class Command(BaseCommand):
    help = ("Pseudonymise or remove the records whose retention period has run out (each app "
            "declares its own in retention.py; periods in docs/decisions.md, overridable with "
            "CASA_RETENTION_MONTHS). Batches of --batch-size records, each all or nothing: "
            "safe to stop and run again. --dry-run only counts.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="count what would be done, change nothing")
        parser.add_argument("--only", nargs="+", metavar="NAME",
                            help="only these record types (see --list)")
        parser.add_argument("--batch-size", type=int, default=retention.BATCH_SIZE)
        parser.add_argument("--list", action="store_true",
                            help="list the record types and their periods")

    def handle(self, *args, dry_run=False, only=None, batch_size=retention.BATCH_SIZE,
               list=False, **options):
        if list:
            for name in sorted(retention.POLICIES):
                policy = retention.POLICIES[name]
                since = ("31 December of the year of " if policy.from_year_end else "") + \
                    policy.counts_from
                self.stdout.write(f"{name}: {policy.action} {policy.period_months} months "
                                  f"after {since}")
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            outcomes = retention.apply_all(dry_run=dry_run, names=only, batch_size=batch_size)
        except KeyError as error:
            raise CommandError(f"unknown record type(s): {error.args[0]} (see --list)") from None
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        for outcome in outcomes:
            policy = outcome.policy
            verb = {retention.PSEUDONYMISE: "pseudonymised", retention.DELETE: "removed"}[
                policy.action]
            if outcome.dry_run:
                verb = f"would be {verb}"
            oldest = outcome.oldest_kept
            kept = (f"oldest kept {oldest:%Y-%m-%d}" if oldest is not None
                    else "nothing older kept")
            self.stdout.write(f"{policy.name}: {outcome.done} {verb} "
                              f"(before {outcome.cutoff:%Y-%m-%d}); {kept}")
