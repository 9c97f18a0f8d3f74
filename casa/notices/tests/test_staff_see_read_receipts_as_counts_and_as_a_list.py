"""Staff see a notice's read receipts: counts (households concerned, households where someone
read it, people who read it) and the list of who read it. The list is personal data: each
page read is in the audit trail, Community Managers see only the households they follow, and
care and vigilance staff see the counts but not the list."""

from django.urls import reverse

from casa.core.models import AuditEvent
from casa.notices.services import notice_mark_read
from conftest import FISCAL_CODES


def read_by(notice, household, tenant):
    notice_mark_read(notice=notice, user=tenant, household=household)


def test_counts_and_list_for_a_programme_manager(client, register, make_user, publish,
                                                 programme_manager):
    notice = publish(title="Assemblea inquilini")
    households = register["households"]
    read_by(notice, households["H001"], make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    read_by(notice, households["H002"], make_user("tenant", fiscal_code=FISCAL_CODES[1]))
    client.force_login(programme_manager)

    page = client.get(reverse("notices:detail", args=[notice.pk]))
    readers = client.get(reverse("notices:readers", args=[notice.pk]))

    assert page.context["receipts"] == {"households": 3, "households_read": 2,
                                        "people_read": 2}
    assert [read.household.code for read in readers.context["page"].object_list] == [
        "H002", "H001"]
    assert "Via Zamagna 5" in readers.content.decode()
    event = AuditEvent.objects.get(action="view", target_type="notices.notice")
    assert (event.actor, event.note, event.changes) == (
        programme_manager, "notice readers", {"page": 1, "readers": 2})


def test_a_community_manager_counts_and_lists_only_the_households_they_follow(
    client, register, make_user, publish, manager
):
    notice = publish(title="Assemblea inquilini")
    households = register["households"]
    read_by(notice, households["H001"], make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    read_by(notice, households["H002"], make_user("tenant", fiscal_code=FISCAL_CODES[1]))
    client.force_login(manager)  # San Siro: H001 only

    page = client.get(reverse("notices:detail", args=[notice.pk]))
    readers = client.get(reverse("notices:readers", args=[notice.pk]))

    assert page.context["receipts"] == {"households": 1, "households_read": 1,
                                        "people_read": 1}
    assert [read.household.code for read in readers.context["page"].object_list] == ["H001"]
    assert "H002" not in readers.content.decode()


def test_care_staff_see_the_counts_but_not_who_read_it(client, register, make_user, publish):
    notice = publish(title="Assemblea inquilini")
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    client.force_login(care)

    page = client.get(reverse("notices:detail", args=[notice.pk]))

    assert page.status_code == 200
    assert reverse("notices:readers", args=[notice.pk]) not in page.content.decode()
    assert client.get(reverse("notices:readers", args=[notice.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="view", target_type="notices.notice").exists()


def test_a_notice_of_another_hub_is_not_found_for_a_community_manager(client, register,
                                                                      publish, manager):
    notice = publish(audience="hub", hub=register["hubs"]["lorenteggio"])
    client.force_login(manager)

    assert client.get(reverse("notices:detail", args=[notice.pk])).status_code == 404
    assert client.get(reverse("notices:readers", args=[notice.pk])).status_code == 404
