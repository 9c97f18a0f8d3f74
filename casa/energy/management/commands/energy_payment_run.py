"""python manage.py energy_payment_run --call CODE --out DIR"""

from django.core.management.base import BaseCommand, CommandError

from casa.energy.models import Call
from casa.energy.payments import payment_run


class Command(BaseCommand):
    help = ("Pay the approved amounts of a call not paid yet: write the bill credits (CSV) and "
            "the bank transfers (SEPA pain.001) into DIR. Running it again pays nobody twice.")

    def add_arguments(self, parser):
        parser.add_argument("--call", required=True, help="the call's code")
        parser.add_argument("--out", required=True, help="the folder to write the files into")

    def handle(self, *args, call, out, **options):
        found = Call.objects.filter(code=call).first()
        if found is None:
            known = ", ".join(Call.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"No call with code {call!r} (known calls: {known}).")
        try:
            run = payment_run(call=found, acting_user="energy_payment_run", out_dir=out)
        except OSError as error:
            raise CommandError(f"Cannot write into {out}: {error.strerror}. The run is "
                               "recorded: download its files from the back office.") from None
        if run.pk is None:
            self.stdout.write(f"Nothing to pay for {found.code}.")
            return
        transfers = run.lines.filter(method="transfer").count()
        self.stdout.write(
            f"Payment run {run.number} of {found.code}: {run.lines_count} lines, "
            f"{run.total_eur:.2f} EUR paid ({run.lines_count - transfers} bill credits, "
            f"{transfers} bank transfers).")
        for path in run.written_files:
            self.stdout.write(f"Written: {path}")
