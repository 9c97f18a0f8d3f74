"""python manage.py energy_screen --call CODE --as-of YYYY-MM-DD --out FILE.csv"""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from casa.energy.models import Call
from casa.energy.rules import MissingParameter
from casa.energy.screening import screen_to_csv


class Command(BaseCommand):
    help = ("Evaluate every current household of the register for a call on a date and write "
            "one CSV row per household: household_code,eligible,amount_eur,isee_eur,reasons.")

    def add_arguments(self, parser):
        parser.add_argument("--call", required=True, help="the call's code")
        parser.add_argument("--as-of", required=True, help="reference date, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="the CSV file to write")

    def handle(self, *args, call, as_of, out, **options):
        try:
            on = dt.date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of: {as_of!r} is not a date written YYYY-MM-DD.") from None
        found = Call.objects.filter(code=call).first()
        if found is None:
            known = ", ".join(Call.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"No call with code {call!r} (known calls: {known}).")
        started = time.perf_counter()
        try:
            with open(out, "w", encoding="utf-8", newline="") as stream:
                totals = screen_to_csv(found, on=on, out=stream)
        except MissingParameter as error:
            raise CommandError(f"Call {call}: {error}.") from None
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from None
        self.stdout.write(
            f"{totals.households} households screened for {found.code} on {on:%d/%m/%Y}: "
            f"{totals.eligible} eligible, {totals.amount:.2f} EUR in total "
            f"({time.perf_counter() - started:.1f} s). Written to {out}."
        )
