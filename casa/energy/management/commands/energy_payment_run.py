"""python manage.py energy_payment_run --call CODE [--out DIR]

For an operator or a scheduler. Before a new run, every earlier run of the call whose files
were never handed over (still "prepared": a run committed by a process killed before it wrote
its files) is written out into DIR; without DIR the command lists them and exits non-zero,
so they cannot go unnoticed. Then it pays what is due (casa.energy.payments.payment_run) and
writes the new run's files. Writing is atomic (a temporary name, then a rename) and writing a
run again writes the same files. Exit status: 0 when every run's files are handed over (or
left, without DIR, for the back office to download), 1 otherwise.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from casa.energy.models import Call, PaymentMethod
from casa.energy.payments import held_back_reason, payment_run, undelivered_runs, write_files

ACTOR = "energy_payment_run"


class Command(BaseCommand):
    help = ("Pay the approved amounts of a call not paid yet: write the bill credits (CSV) and "
            "the bank transfers (SEPA pain.001) into DIR, with the files of any earlier run "
            "never handed over. Running it again pays nobody twice.")

    def add_arguments(self, parser):
        parser.add_argument("--call", required=True, help="the call's code")
        parser.add_argument("--out", help="the folder to write the files into; without it, "
                            "the files stay in CASA for the back office to download")

    def handle(self, *args, call, out=None, **options):
        found = Call.objects.filter(code=call).first()
        if found is None:
            known = ", ".join(Call.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"No call with code {call!r} (known calls: {known}).")

        pending = list(undelivered_runs(found).select_related("call"))
        if pending and out is None:
            for run in pending:
                self.stderr.write(self._describe(run, "never handed over"))
            raise CommandError(
                f"{len(pending)} earlier payment run(s) of {found.code} were never handed "
                "over. Write them out with --out DIR, or download them from the back office "
                f"({reverse('energy:payment_runs', args=[found.code])}); no new run was "
                "started.")
        for run in pending:
            paths = self._write(run, out)
            self.stdout.write(self._describe(run, "never handed over, written out now"))
            for path in paths:
                self.stdout.write(f"Written: {path}")

        run = payment_run(call=found, acting_user=ACTOR)
        for item in run.held_back:
            self.stderr.write(f"Held back: {item['protocol']} ({item['household']}, "
                              f"{item['amount_eur']} EUR): {held_back_reason(item)}")
        if run.pk is None:
            self.stdout.write(f"Nothing to pay for {found.code}.")
            return
        self.stdout.write(self._describe(run, "prepared now"))
        if out is None:
            self.stdout.write("The files stay in CASA: download them from the back office "
                              f"({reverse('energy:payment_run', args=[found.code, run.number])})"
                              ", then record the confirmation there.")
            return
        for path in self._write(run, out):
            self.stdout.write(f"Written: {path}")

    def _write(self, run, out):
        from pathlib import Path

        try:
            return write_files(run, Path(out), actor=ACTOR)
        except OSError as error:
            raise CommandError(
                f"Cannot write payment run {run.number} into {out}: {error.strerror}. The run "
                "is recorded: run the command again, or download its files from the back "
                "office.") from None

    @staticmethod
    def _describe(run, what):
        transfers = run.lines.filter(method=PaymentMethod.TRANSFER).count()
        return (f"Payment run {run.number} of {run.call.code} ({what}): {run.lines_count} "
                f"lines, {run.total_eur:.2f} EUR ({run.lines_count - transfers} bill credits, "
                f"{transfers} bank transfers).")
