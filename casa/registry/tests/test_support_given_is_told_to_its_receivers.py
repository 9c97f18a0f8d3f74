"""The register's `give_support` tells whoever listens (the FSE+ participants app) that a
person received support at a hub on a day, with where it came from; the apps that give
support know nothing of who listens."""

import datetime as dt

import pytest

from casa.registry.signals import give_support, support_given

pytestmark = pytest.mark.django_db


def test_the_receivers_get_the_person_the_hub_the_day_and_the_source(register):
    member = register["households"]["H001"].members.current().first()
    hub = register["hubs"]["san-siro"]
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    support_given.connect(receiver)
    try:
        give_support(member=member, hub=hub, on=dt.date(2026, 11, 30), source="casework:case:1",
                     actor="test")
    finally:
        support_given.disconnect(receiver)
    [told] = heard
    assert (told["member"], told["hub"], told["on"], told["source"], told["actor"]) == (
        member, hub, dt.date(2026, 11, 30), "casework:case:1", "test")
