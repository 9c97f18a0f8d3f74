"""A tenant sees the published notices that concern their home (to everyone, their hub, their
building, their entrance), newest first, and nothing else: not another building's, another
entrance's, a notice not yet started, ended or withdrawn."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from casa.notices import selectors
from casa.notices.models import Notice
from casa.notices.services import notice_withdraw
from casa.registry.models import Building
from conftest import FISCAL_CODES


def titles(response):
    return [notice.title for notice in response.context["page"].object_list]


def test_the_tenant_sees_the_notices_that_concern_their_home_newest_first(
    client, register, make_user, publish
):
    now = timezone.now()
    b001 = Building.objects.get(code="B001")
    b002 = Building.objects.get(code="B002")
    publish(title="To everyone", published_from=now - dt.timedelta(hours=5))
    publish(title="To San Siro", audience="hub", hub=register["hubs"]["san-siro"],
            published_from=now - dt.timedelta(hours=4))
    publish(title="To the building", audience="building", building=b001,
            published_from=now - dt.timedelta(hours=3))
    publish(title="To entrance A", audience="entrance", building=b001, entrance="A",
            published_from=now - dt.timedelta(hours=2))
    publish(title="To Lorenteggio", audience="hub", hub=register["hubs"]["lorenteggio"])
    publish(title="To another building", audience="building", building=b002)
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))  # H001: B001, A

    response = client.get(reverse("notices:my_notices"))

    assert response.status_code == 200
    assert titles(response) == ["To entrance A", "To the building", "To San Siro",
                                "To everyone"]
    assert response.context["unread"] == 4


def test_another_entrance_of_the_same_building_does_not_see_the_notice(register, publish):
    from casa.registry.models import Household, Unit

    b001 = Building.objects.get(code="B001")
    unit_b = Unit.objects.create(code="U-B", building=b001, entrance="B", floor="1", door="1")
    neighbour = Household.objects.create(code="H009", unit=unit_b, rent_band="accesso",
                                         tenancy_start=dt.date(2020, 1, 1))
    notice = publish(title="Lift of entrance A", audience="entrance", building=b001,
                     entrance="A")

    assert list(selectors.for_household(register["households"]["H001"])) == [notice]
    assert list(selectors.for_household(neighbour)) == []
    assert list(selectors.households_concerned(notice)) == [register["households"]["H001"]]


def test_a_notice_is_seen_only_within_its_window_and_until_withdrawn(
    client, register, make_user, publish, programme_manager
):
    now = timezone.now()
    publish(title="Tomorrow", published_from=now + dt.timedelta(days=1))
    ended = publish(title="Ended", published_from=now - dt.timedelta(days=3),
                    published_until=now + dt.timedelta(days=1))
    withdrawn = publish(title="Withdrawn")
    notice_withdraw(notice=withdrawn, acting_user=programme_manager)
    publish(title="Now")
    # Two days later, the window of "Ended" has closed.
    Notice.objects.filter(pk=ended.pk).update(
        published_from=now - dt.timedelta(days=5), published_until=now - dt.timedelta(days=1))
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    assert titles(client.get(reverse("notices:my_notices"))) == ["Now"]
    assert client.get(reverse("notices:my_notice", args=[withdrawn.pk])).status_code == 404
    assert client.get(reverse("notices:my_notice", args=[ended.pk])).status_code == 404
    tomorrow = now + dt.timedelta(days=1, minutes=1)
    assert [n.title for n in selectors.for_household(register["households"]["H001"],
                                                     now=tomorrow)] == ["Tomorrow", "Now"]


def test_another_homes_notice_is_not_found(client, register, make_user, publish):
    theirs = publish(title="Lorenteggio only", audience="hub",
                     hub=register["hubs"]["lorenteggio"])
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.get(reverse("notices:my_notice", args=[theirs.pk]))

    assert response.status_code == 404
    assert not theirs.reads.exists()


def test_a_tenant_without_a_household_sees_no_notices(client, register, make_user, publish):
    publish(title="To everyone")
    client.force_login(make_user("tenant", fiscal_code="ZZZZZZ80A01F205X"))

    response = client.get(reverse("notices:my_notices"))

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "To everyone" not in response.content.decode()
