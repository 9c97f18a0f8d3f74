"""Queue the messages that are due and have no delivery task waiting (run every minute)."""

from django.core.management.base import BaseCommand

from casa.notifications.tasks import retry_due_messages


class Command(BaseCommand):
    help = ("Queue for delivery every pending message that is due and has no task waiting "
            "(retries after a failure, tasks lost by the queue). Run it every minute from a "
            "scheduler, beside `manage.py db_worker`.")

    def add_arguments(self, parser):
        parser.add_argument("--include-failed", action="store_true",
                            help="Also try again the messages that gave up (after an outage).")

    def handle(self, *args, include_failed=False, **options):
        count = retry_due_messages(include_failed=include_failed)
        self.stdout.write(f"{count} message(s) queued for delivery.")
