"""Staff see the events of their hubs (programme staff all of them) and, on an event's page,
who registered: personal data, so each reading is in the audit trail. Another hub's event is
not found for a Community Manager."""

from django.urls import reverse

from casa.core.models import AuditEvent
from casa.events.services import registration_create


def test_the_event_page_lists_the_registrations_and_is_audited(client, register, make_event,
                                                               make_household, organiser):
    event = make_event()
    household = make_household()
    registration_create(event=event, household=household, people=2, acting_user=organiser)
    client.force_login(organiser)

    page = client.get(reverse("events:detail", args=[event.pk]))

    html = page.content.decode()
    assert household.code in html and "Anna" in html
    event_read = AuditEvent.objects.get(action="view", target_type="events.event")
    assert (event_read.actor, event_read.note, event_read.changes) == (
        organiser, "event registrations", {"registrations": 1})


def test_a_community_manager_lists_only_their_hubs_events(client, register, make_user,
                                                          make_event):
    ours = make_event(title="A San Siro")
    theirs = make_event(title="A Lorenteggio", hub=register["hubs"]["lorenteggio"],
                        acting_user=make_user("programme_manager"))
    manager = make_user("community_manager", hubs=[register["hubs"]["san-siro"]])
    client.force_login(manager)

    listed = list(client.get(reverse("events:staff_list")).context["events"])

    assert listed == [ours]
    assert client.get(reverse("events:detail", args=[theirs.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="view", target_type="events.event").exists()


def test_an_auditor_reads_every_event_but_acts_on_none(client, register, make_user,
                                                       make_event):
    event = make_event()
    client.force_login(make_user("auditor"))

    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    assert client.post(reverse("events:register_household", args=[event.pk]),
                       {"household": "H001", "people": 1}).status_code == 403
