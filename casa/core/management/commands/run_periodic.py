"""python manage.py run_periodic [--loop] [--list]: the periodic jobs that are due."""

import time

from django.core.management.base import BaseCommand

from casa.core import periodic


class Command(BaseCommand):
    help = ("Run the periodic jobs that are due (each app registers its own in its "
            "periodic.py), each once per period however many copies of this command run. "
            "From cron or a systemd timer every minute; with --loop it runs every minute by "
            "itself (make run).")

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true",
                            help="keep running: check for due jobs at the start of each minute")
        parser.add_argument("--list", action="store_true", help="list the registered jobs")

    def handle(self, *args, loop=False, list=False, **options):
        if list:
            for job in sorted(periodic.JOBS.values(), key=lambda job: job.name):
                self.stdout.write(f"{job.name}  every {job.every}")
            return
        while True:
            for run in periodic.run_due():
                # Quiet unless asked (-v 2): cron mails whatever a job prints. Failures are
                # logged (stderr) with their traceback.
                if options["verbosity"] >= 2 or run.error:
                    state = "failed (see the log)" if run.error else (run.summary or "done")
                    self.stdout.write(f"{run.job}: {state}")
            if not loop:
                return
            time.sleep(60 - time.time() % 60 + 1)  # just after the next minute starts
