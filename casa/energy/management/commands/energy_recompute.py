"""python manage.py energy_recompute [--call CODE] [--pending]"""

from django.core.management.base import BaseCommand, CommandError

from casa.core.money import format_euro
from casa.energy.models import Call
from casa.energy.recompute import pending_requests, recompute_call, run_pending

ACTOR = "energy_recompute"


class Command(BaseCommand):
    help = ("Work out again the approved and paid contributions on the register's current "
            "heating costs and report what changed. Without options: the recomputations left "
            "pending after an import (a worker that died leaves them there); with --call: "
            "every approved or paid application of that call. Safe to run at any time, and "
            "twice: an application whose costs did not change is left alone.")

    def add_arguments(self, parser):
        parser.add_argument("--call", help="recompute every application of this call")

    def handle(self, *args, call=None, **options):
        if call:
            found = Call.objects.filter(code=call).first()
            if found is None:
                known = ", ".join(Call.objects.values_list("code", flat=True)) or "none"
                raise CommandError(f"No call with code {call!r} (known calls: {known}).")
            waiting = pending_requests(found).count()
            results = recompute_call(call=found, acting_user=ACTOR)
            scope = found.code
        else:
            waiting = pending_requests().count()
            results = run_pending(acting_user=ACTOR)
            scope = "pending requests"
        self.stdout.write(f"Recomputation ({scope}): {waiting} households were waiting; "
                          f"{len(results)} applications changed.")
        for result in results:
            if result.pending:
                what = (f"{format_euro(result.old_amount)} -> {format_euro(result.wanted_amount)}"
                        " awaiting a second person's confirmation")
            elif result.increase_refused:
                what = (f"stays {format_euro(result.new_amount)}: the budget left does not "
                        f"cover {format_euro(result.wanted_amount)}")
            else:
                what = f"{format_euro(result.old_amount)} -> {format_euro(result.new_amount)}"
            self.stdout.write(f"  {result.application.protocol}: {what}")
        left = pending_requests().count()
        if left:
            self.stdout.write(f"{left} households still wait for a recomputation.")
