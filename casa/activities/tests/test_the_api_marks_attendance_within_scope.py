"""The JSON API reads activities and marks attendance with the pages' scope and services:
marking tells give_support once, reading who came is audited, unmarking keeps the support,
and another hub's session is not found for a Community Manager."""

from django.urls import reverse

from casa.activities.models import Attendance
from casa.core.models import AuditEvent
from conftest import FISCAL_CODES


def test_a_community_manager_marks_and_unmarks_through_the_api(client, register, make_session,
                                                              manager, received):
    session = make_session()
    client.force_login(manager)
    url = reverse("api:activity_attendance_mark", args=[session.pk])

    first = client.post(url, {"fiscal_code": FISCAL_CODES[0]})
    again = client.post(url, {"fiscal_code": FISCAL_CODES[0].lower()})
    refused = client.post(url, {"fiscal_code": FISCAL_CODES[1]})  # Lorenteggio's
    unmarked = client.delete(reverse("api:activity_attendance_unmark",
                                     args=[session.pk, FISCAL_CODES[0]]))

    assert first.status_code == again.status_code == 200
    assert first.json()["attendances"][0]["fiscal_code"] == FISCAL_CODES[0]
    assert refused.status_code == 422
    assert "componenti attuali" in refused.json()["detail"][0]["msg"]
    assert unmarked.status_code == 200 and unmarked.json()["attendances"][0]["attended"] is False
    assert len(received) == 1
    assert Attendance.objects.get().support_given_at is not None
    assert AuditEvent.objects.filter(target_type="activities.session", action="view").count() == 3


def test_another_hubs_activities_are_not_found(client, register, make_activity, make_session,
                                               manager, make_user):
    theirs = make_activity(hub=register["hubs"]["lorenteggio"],
                           acting_user=make_user("programme_manager"))
    mine = make_activity(title="Mio")
    client.force_login(manager)

    listed = client.get(reverse("api:activity_list")).json()

    assert [a["id"] for a in listed] == [mine.pk]
    assert client.get(reverse("api:activity_detail", args=[theirs.pk])).status_code == 404
