"""Send the urgent notices whose publication has started since they were saved (a notice
scheduled for tomorrow morning goes out then). A periodic job: every few minutes."""

from django.core.management.base import BaseCommand

from casa.notices.services import send_due_urgent_notices


class Command(BaseCommand):
    help = ("Send to their households the urgent notices whose publication has started and "
            "that were not sent yet. Run it every few minutes from the scheduler; a notice is "
            "never sent twice.")

    def handle(self, *args, **options):
        sent = send_due_urgent_notices()
        for notice_id, households in sent.items():
            self.stdout.write(f"notice {notice_id}: {households} household(s)")
        self.stdout.write(f"{len(sent)} urgent notice(s) sent.")
