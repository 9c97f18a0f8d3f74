"""Issue 9's block on the tenant's home: their Spazio CASA (the nearest one, said so, while the
building has none), their next appointment, and the way to book."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from casa.appointments.booking import get_agenda
from casa.appointments.tests.helpers import MONDAY, at, rome
from casa.hubs.models import Place
from casa.hubs.tests.helpers import at_desk, open_hub
from conftest import FISCAL_CODES


@pytest.fixture
def hubs(register):
    open_hub(register["hubs"]["san-siro"], lat="45.47", lon="9.14")
    open_hub(register["hubs"]["lorenteggio"], lat="45.45", lon="9.13")
    Place.objects.create(municipality="Rozzano", neighbourhood="", latitude=Decimal("45.38"),
                         longitude=Decimal("9.16"))
    return register["hubs"]


def home(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get(reverse("portal:my_home")).content.decode()


def test_a_tenant_whose_building_has_no_hub_is_told_it_is_the_nearest(client, hubs,
                                                                      make_user):
    html = home(client, make_user("tenant", fiscal_code=FISCAL_CODES[2]))  # H003, Rozzano
    assert reverse("hubs:hub_page", args=["lorenteggio"]) in html
    assert "It is the Spazio CASA nearest to you" in html
    assert reverse("appointments:book") in html


def test_a_tenant_sees_their_next_appointment(client, register, hubs, make_user):
    manager = at_desk(make_user("community_manager", hubs=[hubs["san-siro"]]), hubs["san-siro"])
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    with at(rome(MONDAY, 8)):
        appointment = get_agenda().book(
            household=register["households"]["H001"], hub=hubs["san-siro"], topic="isee",
            starts_at=rome(MONDAY + dt.timedelta(days=2), 10), note="", acting_user=manager)
        html = home(client, tenant)
    assert "Your next appointment: Wednesday 02/12/2026 at 10:00." in html
    assert reverse("appointments:my_appointment", args=[appointment.pk]) in html
    assert "It is the Spazio CASA nearest to you" not in html
