"""Community Managers run their hubs' activities and do not even see another hub's; programme
managers and administrators run every hub's; care staff read theirs without changing them;
tenants see nothing. Reading who came is in the audit trail."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casa.activities.models import Attendance
from casa.activities.services import attendance_mark, session_create
from casa.core.models import AuditEvent

from .conftest import head


def test_a_community_manager_sees_only_their_hubs_activities(client, register, make_activity,
                                                            manager, make_user):
    mine = make_activity(title="Laboratorio San Siro")
    theirs = make_activity(title="Laboratorio Lorenteggio",
                           hub=register["hubs"]["lorenteggio"],
                           acting_user=make_user("programme_manager"))
    client.force_login(manager)

    page = client.get(reverse("activities:list")).content.decode()

    assert mine.title in page and theirs.title not in page
    assert client.get(reverse("activities:detail", args=[theirs.pk])).status_code == 404


def test_a_community_manager_cannot_run_another_hubs_activity(register, make_activity,
                                                             make_session, manager, make_user):
    theirs = make_activity(hub=register["hubs"]["lorenteggio"],
                           acting_user=make_user("programme_manager"))

    with pytest.raises(ValidationError):
        session_create(activity=theirs, day=theirs.created_at.date(), starts_at=None,
                       ends_at=None, place="Sala", acting_user=manager)
    with pytest.raises(ValidationError):
        make_activity(hub=register["hubs"]["lorenteggio"])


def test_a_programme_manager_runs_every_hubs_activities(register, make_session, make_user,
                                                       received):
    session = make_session()

    attendance_mark(session=session, member=head(register["households"]["H001"]),
                    acting_user=make_user("programme_manager"))

    assert Attendance.objects.filter(session=session, attended=True).count() == 1


def test_care_staff_read_but_do_not_tick(client, register, make_session, make_user):
    session = make_session()
    client.force_login(make_user("care_staff", hubs=[register["hubs"]["san-siro"]]))

    page = client.get(reverse("activities:session", args=[session.pk]))

    assert page.status_code == 200
    assert b"Salva chi" not in page.content
    assert client.post(reverse("activities:attendance", args=[session.pk])).status_code == 403


def test_tenants_see_nothing(client, register, make_session, make_user):
    from conftest import FISCAL_CODES

    session = make_session()
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    assert client.get(reverse("activities:list")).status_code == 403
    assert client.get(reverse("activities:session", args=[session.pk])).status_code == 403


def test_reading_who_came_is_audited(client, register, make_session, manager, received):
    session = make_session()
    attendance_mark(session=session, member=head(register["households"]["H001"]),
                    acting_user=manager)
    client.force_login(manager)

    page = client.get(reverse("activities:session", args=[session.pk])).content.decode()

    assert "Mario Rossi" in page
    viewed = AuditEvent.objects.get(target_type="activities.session", action="view")
    assert viewed.actor == manager and viewed.changes == {"attendances": 1}


def test_ticking_many_on_the_session_page_marks_them(client, register, make_session, manager,
                                                     received):
    session = make_session()
    member = head(register["households"]["H001"])
    client.force_login(manager)

    found = client.get(reverse("activities:session", args=[session.pk]), {"q": "rossi"})
    assert "Mario Rossi" in found.content.decode()
    client.post(reverse("activities:attendee_add", args=[session.pk]), {"member": member.pk})
    client.post(reverse("activities:attendance", args=[session.pk]),
                {"shown": [member.pk], "came": []})
    client.post(reverse("activities:attendance", args=[session.pk]),
                {"shown": [member.pk], "came": [member.pk]})

    assert Attendance.objects.get(session=session).attended
    assert len(received) == 1
