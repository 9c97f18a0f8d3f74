"""Issue 11 (activities): `seed_demo` records a few activities at the first Spazi CASA through
the real services, with past sessions, people of the register attending (each telling the
register's support_given once) and volunteers' hours; running it again adds nothing."""

from io import StringIO

from django.core.management import call_command

from casa.activities.models import Activity, Attendance, Contribution
from casa.registry.signals import support_given


def test_the_demo_has_activities_with_attendance_and_a_second_run_adds_none(db):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["source"])

    support_given.connect(receiver, weak=False)
    try:
        out = StringIO()
        call_command("seed_demo", "--households", "200", stdout=out)
        assert "6 attività con sessioni e presenze." in out.getvalue()
        counts = (Activity.objects.count(), Attendance.objects.count(),
                  Contribution.objects.count())
        assert counts[0] == 6 and counts[1] > 0 and counts[2] == 24
        # The demo's other support (assisted applications, appointments' outcomes) is told
        # too: the activities' is one per attendance.
        told = sorted(source for source in received if source.startswith("activities:"))
        assert told == sorted(f"activities:attendance:{pk}" for pk in
                              Attendance.objects.values_list("pk", flat=True))
        assert Activity.objects.filter(event__isnull=False).count() == 3

        call_command("seed_demo", "--households", "200", stdout=StringIO())
    finally:
        support_given.disconnect(receiver)

    assert (Activity.objects.count(), Attendance.objects.count(),
            Contribution.objects.count()) == counts
