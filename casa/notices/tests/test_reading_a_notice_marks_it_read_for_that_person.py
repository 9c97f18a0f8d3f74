"""Unread notices stand out (a "New" badge, bold) until the person opens them; reading is kept
per person, so another member of the household still sees the notice as new."""

import datetime as dt

from django.urls import reverse

from casa.notices import selectors
from casa.notices.models import NoticeRead
from casa.registry.models import Member
from conftest import FISCAL_CODES

SPOUSE = "NREPLA92D50F205U"


def row(page, notice):
    html = page.content.decode()
    start = html.index(f'data-notice="{notice.pk}"')
    return html[start:html.index("</li>", start)]


def test_opening_a_notice_marks_it_read_and_the_list_stops_marking_it_new(
    client, register, make_user, publish
):
    first = publish(title="Riunione di caseggiato")
    second = publish(title="Pulizia cantine")
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client.force_login(tenant)
    listing = client.get(reverse("notices:my_notices"))
    assert 'data-read="no"' in row(listing, first) and "Nuovo" in row(listing, first)
    assert selectors.unread_count(tenant) == 2

    page = client.get(reverse("notices:my_notice", args=[first.pk]))

    assert page.status_code == 200
    assert "Riunione di caseggiato" in page.content.decode()
    read = NoticeRead.objects.get(notice=first, user=tenant)
    assert read.household == register["households"]["H001"]
    listing = client.get(reverse("notices:my_notices"))
    assert 'data-read="yes"' in row(listing, first) and "Nuovo" not in row(listing, first)
    assert 'data-read="no"' in row(listing, second)
    assert selectors.unread_count(tenant) == 1
    assert [notice.title for notice in selectors.unread_for_user(tenant)] == ["Pulizia cantine"]


def test_opening_it_again_keeps_the_first_reading(client, register, make_user, publish):
    notice = publish()
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client.force_login(tenant)
    client.get(reverse("notices:my_notice", args=[notice.pk]))
    first = NoticeRead.objects.get(notice=notice, user=tenant).read_at

    client.get(reverse("notices:my_notice", args=[notice.pk]))

    assert list(NoticeRead.objects.filter(notice=notice).values_list("read_at", flat=True)) == [
        first]


def test_another_member_of_the_household_still_sees_it_as_new(client, register, make_user,
                                                              publish):
    household = register["households"]["H001"]
    Member.objects.create(household=household, fiscal_code=SPOUSE, first_name="Paola",
                          last_name="Rossi", birth_date=dt.date(1992, 4, 10), sex="F",
                          relation="spouse", citizenship="IT")
    notice = publish()
    mario = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    paola = make_user("tenant", fiscal_code=SPOUSE)
    client.force_login(mario)
    client.get(reverse("notices:my_notice", args=[notice.pk]))

    assert selectors.unread_count(mario) == 0
    assert selectors.unread_count(paola) == 1
