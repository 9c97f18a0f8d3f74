"""An IBAN given by several households is flagged for review, in the queue and on the
application page; the other households' codes show only to those who may see them."""

import re

import pytest
from django.urls import reverse

from casa.energy.demo import demo_iban

from .backoffice import login
from .fixtures import TENANT_IBAN, household, submit
from .queue_fixtures import queue_call

pytestmark = pytest.mark.django_db
FLAG = "IBAN shared with other households"


@pytest.fixture
def world(register, make_user):
    officer = make_user("benefit_officer")
    call = queue_call()
    lorenteggio = register["households"]["H002"].unit.building  # autonomous heating
    shared = submit(call, household(building=lorenteggio), by=officer)
    elsewhere = submit(call, household(heating="autonomous"), by=officer, minutes=1)
    central = submit(call, household(), by=officer, minutes=2, iban=TENANT_IBAN)
    own = submit(call, household(building=lorenteggio), by=officer, minutes=3,
                 iban=demo_iban(7))
    bill = submit(call, household(), by=officer, minutes=4)
    return {"officer": officer, "register": register, "shared": shared,
            "elsewhere": elsewhere, "central": central, "own": own, "bill": bill}


def row_of(text, app):
    return re.search(r"<tr>\s*<th scope=\"row\"[^>]*><a[^>]*>" + app.protocol
                     + r"</a></th>(.*?)</tr>", text, re.S).group(1)


def test_the_queue_flags_the_applications_that_share_an_iban(client, world):
    login(client, world["officer"])
    text = client.get(reverse("energy:review_queue")).content.decode()
    for name in ("shared", "elsewhere", "central"):
        assert FLAG in row_of(text, world[name]), name
    for name in ("own", "bill"):
        assert FLAG not in row_of(text, world[name]), name


def test_the_application_page_names_the_other_households_to_an_officer(client, world):
    login(client, world["officer"])
    app = world["shared"]
    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    warning = re.search(r'id="shared-iban">(.*?)</div>', text, re.S).group(1)
    assert world["elsewhere"].household.code in warning
    assert world["central"].household.code in warning
    assert "outside the ones you may see" not in warning
    assert "IT42…9012" in text  # masked
    assert TENANT_IBAN not in text


def test_outside_their_hubs_a_community_manager_sees_the_flag_but_not_the_codes(
        client, world, make_user):
    manager = make_user("community_manager",
                        hubs=[world["register"]["hubs"]["lorenteggio"]])
    login(client, manager)
    app = world["shared"]
    text = client.get(reverse("energy:review_application", args=[app.protocol])
                      ).content.decode()
    warning = re.search(r'id="shared-iban">(.*?)</div>', text, re.S).group(1)
    assert "other households use it too" in warning
    assert world["elsewhere"].household.code not in text
    assert world["central"].household.code not in text
    assert "and 2 households outside the ones you may see" in warning

    queue = client.get(reverse("energy:review_queue")).content.decode()
    assert FLAG in row_of(queue, app)
    assert FLAG not in row_of(queue, world["own"])
