"""A report's staff page: everything about it (who reported it and for whom, the description,
the whole history with the internal notes), its reading audited, not found outside the
user's scope; and the actions on it, each a small form calling its service, whose messages
are shown next to the field with nothing saved."""

import re

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.registry.models import Building
from casa.reports.models import Category, Report, Update
from casa.reports.services import report_create, report_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(tenant, lift):
    return report_create(category=lift, place="entrance", description="L'ascensore è fermo.",
                         acting_user=tenant)


def url(name, report):
    return reverse(f"reports_staff:{name}", kwargs={"pk": report.pk})


def text(response):
    return response.content.decode()


def offered_statuses(response):
    select = re.search(r'<select name="status-status".*?</select>', text(response), re.S)
    return re.findall(r'<option value="([a-z_]+)"', select.group(0))


def test_the_page_shows_everything_and_reading_it_is_audited(client, report, manager):
    report_note(report=report, note="Chiamato il tecnico.", acting_user=manager)
    client.force_login(manager)
    response = client.get(url("detail", report))
    page = text(response)
    assert response.status_code == 200
    assert "L&#x27;ascensore è fermo." in page or "L'ascensore è fermo." in page
    assert "Chiamato il tecnico." in page  # the internal note, for staff
    assert 'href="/staff/households/H001/"' in page  # for whom
    assert str(report.reported_by) in page
    event = AuditEvent.objects.get(action="view", target_type="reports.report")
    assert (event.actor_id, event.target_id) == (manager.pk, str(report.pk))
    assert event.subject == "household:H001"


def test_a_report_made_on_behalf_says_so(client, register, manager, lift):
    made = report_create(category=lift, place="flat", description="Perdita.",
                         acting_user=manager, household=register["households"]["H001"])
    client.force_login(manager)
    assert "per conto del nucleo" in text(client.get(url("detail", made)))


def test_staff_of_another_hub_get_not_found(client, register, report, make_user):
    other = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(other)
    for name in ("detail", "change_status", "reply", "note", "assign"):
        assert client.get(url(name, report)).status_code == 404, name
        assert client.post(url(name, report), {"note-note": "x", "reply-message": "x",
                                               "status-status": "taken"}).status_code == 404
    assert not AuditEvent.objects.filter(action="view", target_type="reports.report").exists()
    assert report.updates.count() == 1


def test_only_the_allowed_next_statuses_are_offered(client, report, manager):
    client.force_login(manager)
    assert offered_statuses(client.get(url("detail", report))) == [
        "taken", "maintenance", "in_progress", "waiting", "resolved", "rejected", "merged"]
    Report.objects.filter(pk=report.pk).update(status="resolved")
    assert offered_statuses(client.get(url("detail", report))) == ["in_progress", "closed"]


def test_a_status_change_is_saved_with_its_message(client, report, manager):
    client.force_login(manager)
    response = client.post(url("change_status", report), {
        "status-status": "maintenance", "status-public_message": "Arriva il tecnico.",
        "status-internal_note": "Ditta Rossi."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "maintenance"
    update = report.updates.get(kind="status")
    assert (update.public_message, update.internal_note) == ("Arriva il tecnico.",
                                                             "Ditta Rossi.")


def assert_refused(response, report, message, field):
    """The page again, the service's message next to `field`, nothing saved."""
    assert response.status_code == 200
    page = text(response)
    error = re.search(rf'id="[^"]*{field}[^"]*error[^"]*"[^>]*>(.*?)</div>', page, re.S)
    assert error is not None, f"no error next to {field}"
    assert message in error.group(1)
    assert Update.objects.filter(report=report).count() == 1
    report.refresh_from_db()
    assert report.status == "new" and report.assigned_to is None


def test_rejecting_without_a_reason_is_refused(client, report, manager):
    client.force_login(manager)
    response = client.post(url("change_status", report), {"status-status": "rejected"})
    assert_refused(response, report, "Spiega perché la segnalazione è respinta", "reason")


def test_a_change_the_table_does_not_allow_is_refused_in_its_words(client, report, manager):
    client.force_login(manager)
    response = client.post(url("change_status", report), {"status-status": "closed"})
    assert_refused(response, report, "non può passare a", "status")


def test_merging_needs_an_open_report_of_the_same_building(client, register, report, manager,
                                                           make_user, tenant):
    client.force_login(manager)
    response = client.post(url("change_status", report), {"status-status": "merged",
                                                          "status-merge_into": "ascensore"})
    assert_refused(response, report, "S-000123", "merge_into")
    elsewhere = report_create(
        category=Category.objects.get(code="lift"), place="courtyard", description="Fermo.",
        acting_user=make_user("care_staff", hubs=[register["hubs"]["lorenteggio"]]),
        building=Building.objects.get(code="B002"))
    response = client.post(url("change_status", report), {
        "status-status": "merged", "status-merge_into": elsewhere.reference})
    assert_refused(response, report, "stesso stabile", "merge_into")


def test_merging_into_a_similar_report_offered_on_the_page(client, report, manager, tenant,
                                                           lift):
    first = report_create(category=lift, place="courtyard", description="Fermo.",
                          acting_user=manager, building=report.building)
    client.force_login(manager)
    page = text(client.get(url("detail", report)))
    assert f'<option value="{first.reference}">' in page
    response = client.post(url("change_status", report), {
        "status-status": "merged", "status-merge_into": first.reference})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.merged_into_id) == ("merged", first.pk)


def test_an_empty_reply_or_note_is_refused(client, report, manager):
    client.force_login(manager)
    assert_refused(client.post(url("reply", report), {"reply-message": " "}), report,
                   "Scrivi la risposta.", "message")
    assert_refused(client.post(url("note", report), {"note-note": ""}), report,
                   "Scrivi la nota.", "note")


def test_a_reply_and_a_note_are_saved(client, report, manager):
    client.force_login(manager)
    assert client.post(url("reply", report), {"reply-message": "Ci pensiamo."}).status_code == 302
    assert client.post(url("note", report), {"note-note": "Solo staff."}).status_code == 302
    assert list(report.updates.order_by("id").values_list("kind", flat=True)) == [
        "created", "reply", "note"]


def test_assigning_to_staff_of_another_hub_is_refused(client, register, report, manager,
                                                      make_user):
    colleague = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    stranger = make_user("care_staff", hubs=[register["hubs"]["lorenteggio"]])
    client.force_login(manager)
    page = text(client.get(url("detail", report)))
    # The assignee's list only: the page has other lists (the split's categories).
    select = re.search(r'<select name="assign-assignee".*?</select>', page, re.S).group(0)
    assert f'value="{colleague.pk}"' in select and f'value="{stranger.pk}"' not in select
    assert_refused(client.post(url("assign", report), {"assign-assignee": stranger.pk}),
                   report, "Scegli", "assignee")
    assert client.post(url("assign", report),
                       {"assign-assignee": colleague.pk}).status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == colleague


def test_readers_who_cannot_manage_see_no_action(client, register, report, make_user):
    client.force_login(make_user("care_staff", hubs=[register["hubs"]["san-siro"]]))
    page = text(client.get(url("detail", report)))
    assert 'id="status-form"' not in page and 'id="reply-form"' not in page
    assert client.post(url("reply", report), {"reply-message": "x"}).status_code == 403
