"""`manage.py send_appointment_reminders`: send the day-before reminders that are due (see
casa/appointments/reminders.py). Safe to run as often as you like."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from casa.appointments.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders of tomorrow's appointments that were not sent yet."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(_("Reminders sent: %(count)s.") % {"count": sent})
