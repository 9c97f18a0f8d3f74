"""`seed_demo` publishes notices and plans events at every Spazio CASA through the real
services, so that a newcomer logged in as a demo tenant reads a notice and registers for an
event; running it again adds nothing."""

from io import StringIO

from django.core.management import call_command

from casa.accounts.models import User
from casa.events import selectors as events
from casa.events.models import Event
from casa.notices import selectors as notices
from casa.notices.models import Notice
from casa.notifications.models import Message
from casa.registry.models import Hub
from casa.registry.selectors import tenant_household


def test_the_demo_has_notices_and_events_and_a_second_run_adds_none(db):
    out = StringIO()
    call_command("seed_demo", "--households", "200", stdout=out)

    assert "avvisi e 27 eventi negli Spazi CASA." in out.getvalue()
    urgent = Notice.objects.get(urgent=True)
    assert urgent.urgent_sent_at is not None
    assert Message.objects.filter(kind="notices.urgent", channel="app").count() == (
        notices.households_concerned(urgent).count())
    for hub in Hub.objects.all():
        assert len(events.upcoming_for_hub(hub)) == 3
    tenant = User.objects.get(email="tenant.sansiro@demo.casa.invalid")
    assert notices.unread_count(tenant) >= 2
    assert events.upcoming_for_hub(tenant_household(tenant).unit.building.hub)
    counts = (Notice.objects.count(), Event.objects.count(), Message.objects.count())

    call_command("seed_demo", "--households", "200", stdout=StringIO())

    assert (Notice.objects.count(), Event.objects.count(), Message.objects.count()) == counts
