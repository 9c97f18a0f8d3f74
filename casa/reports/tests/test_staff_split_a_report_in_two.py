"""Staff split a report about two problems into two: the part continues as a new report of the
same building, household and reporter, reported when the original was (its due date counts
from then), with its own category, place, description and some of the original's photos. Only
an open report of the staff member's scope; every refusal says why and writes nothing. Both
histories name the other report, both reports go into the audit trail, the followers follow a
part about a common area, and the reporter's household and the followers are told, each in its
language. The staff page and the API split through the same service."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.notifications.models import Message
from casa.reports import services
from casa.reports.models import Category, Follower, Photo, Report
from casa.reports.rules import DESCRIPTION_MAX
from casa.reports.tests.test_photos_go_with_the_report_to_who_may_see_it import phone_photo

pytestmark = pytest.mark.django_db
API = "/api/v1/"
REPORTED = timezone.now() - dt.timedelta(days=2)


@pytest.fixture
def lighting():
    return Category.objects.get(code="electricity")


@pytest.fixture
def report(tenant, lift):
    """The tenant's report about their entrance, two days ago, with two photos: the lift is
    broken and the entrance light is off."""
    return services.report_create(
        category=lift, place="entrance", acting_user=tenant, now=REPORTED,
        description="L'ascensore è fermo e la luce dell'ingresso è spenta.",
        photos=[phone_photo("lift.jpg"), phone_photo("light.jpg")])


def split(report, manager, category, **changes):
    values = {"place": "entrance", "description": "La luce dell'ingresso è spenta.",
              "photos": [], **changes}
    return services.report_split(report=report, category=category, acting_user=manager,
                                 **values)


def nothing_written(report, count=1):
    assert Report.objects.count() == count
    assert list(report.updates.values_list("kind", flat=True)) == ["created"]
    assert not Message.objects.filter(kind="reports.split").exists()


# --- The service -------------------------------------------------------------------------------

def test_the_part_keeps_who_and_where_and_takes_its_own_category(report, manager, lighting,
                                                                 tenant):
    part = split(report, manager, lighting)
    assert (part.building, part.household, part.reported_by, part.entrance, part.on_behalf) == (
        report.building, report.household, tenant, report.entrance, False)
    assert (part.category, part.place, part.unit, part.status, part.split_from) == (
        lighting, "entrance", None, "new", report)
    assert (part.team, part.urgent) == ("maintenance", False)
    assert part.description == "La luce dell'ingresso è spenta."
    # Reported when the tenant reported it: its target counts from then, not from the split.
    assert part.created_at == report.created_at
    assert part.due_at == report.created_at + dt.timedelta(hours=lighting.target_hours)
    report.refresh_from_db()
    assert report.status == "new" and list(report.parts.all()) == [part]


def test_a_part_about_the_flat_names_the_households_flat(report, manager, lighting):
    part = split(report, manager, lighting, place="flat")
    assert part.unit == report.household.unit


def test_the_chosen_photos_go_with_the_part_as_the_same_files(report, manager, lighting):
    lift_photo, light_photo = report.photos.all()
    part = split(report, manager, lighting, photos=[light_photo])
    [copied] = part.photos.all()
    assert copied.pk != light_photo.pk
    assert (copied.image.name, copied.thumbnail.name, copied.sha256) == (
        light_photo.image.name, light_photo.thumbnail.name, light_photo.sha256)
    assert report.photos.count() == 2  # the original keeps both


def test_a_photo_of_another_report_is_refused(report, manager, lighting, tenant, lift):
    other = services.report_create(category=lift, place="flat", description="Altro.",
                                   acting_user=tenant, photos=[phone_photo()])
    with pytest.raises(ValidationError) as refused:
        split(report, manager, lighting, photos=[report.photos.first(), other.photos.get()])
    assert refused.value.message_dict["photos"] == [
        "Scegli tra le foto di questa segnalazione."]
    nothing_written(report, count=2)
    assert Photo.objects.count() == 3


@pytest.mark.parametrize("changes, field, message", [
    ({"place": "attic"}, "place", "Scegli dove si trova il problema."),
    ({"description": "  "}, "description", "Descrivi il problema in poche parole."),
    ({"description": "x" * (DESCRIPTION_MAX + 1)}, "description", str(DESCRIPTION_MAX)),
])
def test_what_the_part_says_is_checked_as_a_report_is(report, manager, lighting, changes,
                                                      field, message):
    with pytest.raises(ValidationError) as refused:
        split(report, manager, lighting, **changes)
    assert message in " ".join(refused.value.message_dict[field])
    nothing_written(report)


def test_an_inactive_category_is_refused(report, manager, lighting):
    Category.objects.filter(pk=lighting.pk).update(active=False)
    lighting.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        split(report, manager, lighting)
    assert "category" in refused.value.message_dict
    nothing_written(report)


def test_a_part_about_a_flat_needs_a_household(register, manager, lift, lighting):
    rounds = services.report_create(category=lift, place="courtyard", description="Buio.",
                                    acting_user=manager, building=register["households"][
                                        "H001"].unit.building)
    with pytest.raises(ValidationError) as refused:
        split(rounds, manager, lighting, place="flat")
    assert "nucleo" in refused.value.message_dict["place"][0]
    nothing_written(rounds)


@pytest.mark.parametrize("status", ["resolved", "closed", "rejected"])
def test_only_an_open_report_is_split(report, manager, lighting, status):
    Report.objects.filter(pk=report.pk).update(status=status)
    with pytest.raises(ValidationError) as refused:
        split(report, manager, lighting)
    assert "non può essere divisa" in refused.value.messages[0]
    nothing_written(report)


def test_staff_of_another_hub_and_readers_cannot_split(report, register, make_user,
                                                       lighting, tenant):
    for user in (make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]),
                 make_user("care_staff", hubs=[register["hubs"]["san-siro"]]), tenant):
        with pytest.raises(PermissionDenied):
            split(report, user, lighting)
    nothing_written(report)


def test_both_histories_name_the_other_report_and_both_are_audited(report, manager,
                                                                   lighting):
    part = split(report, manager, lighting)
    entry = report.updates.get(kind="split")
    assert (entry.actor, entry.related, entry.public_message) == (manager, part, "")
    [created] = part.updates.all()
    assert (created.kind, created.actor, created.related) == ("created", manager, report)
    assert created.internal_note == f"split from {report.reference}"
    audited = AuditEvent.objects.filter(target_type="reports.report", actor=manager)
    assert set(audited.values_list("target_id", "action")) == {
        (str(part.pk), "create"), (str(report.pk), "update")}


def test_followers_follow_a_part_about_a_common_area_only(report, manager, lighting,
                                                          neighbour):
    services.report_follow(report=report, acting_user=neighbour)
    stairs = split(report, manager, lighting)
    assert list(stairs.followers.values_list("user", flat=True)) == [neighbour.pk]
    flat = split(report, manager, lighting, place="flat")
    assert not Follower.objects.filter(report=flat).exists()


def test_the_household_and_the_followers_are_told_in_their_language(report, manager,
                                                                    lighting, neighbour):
    services.report_follow(report=report, acting_user=neighbour)
    part = split(report, manager, lighting)
    told = {message.household.code: message for message in
            Message.objects.filter(kind="reports.split", channel="app")}
    assert set(told) == {"H001", "H004"}
    assert told["H001"].subject == (f"Segnalazione {report.reference}: una parte continua "
                                    f"come {part.reference}")
    assert "Elettricità e illuminazione" in told["H001"].body
    assert told["H001"].link.endswith(f"/reports/{part.pk}/")
    # The neighbour's household reads English, category included.
    assert told["H004"].subject == (f"Report {report.reference}: a part continues as "
                                    f"{part.reference}")
    assert "Electricity and lighting" in told["H004"].body


def test_a_neighbour_is_not_told_of_a_part_about_the_flat(report, manager, lighting,
                                                          neighbour):
    services.report_follow(report=report, acting_user=neighbour)
    part = split(report, manager, lighting, place="flat")
    message = Message.objects.get(kind="reports.split", channel="app", household__code="H004")
    assert part.reference not in message.subject + message.body
    assert "Electricity" not in message.body
    assert message.link.endswith(f"/reports/{report.pk}/")


def test_nothing_is_half_written_when_a_step_fails(report, manager, lighting, neighbour,
                                                   monkeypatch):
    services.report_follow(report=report, acting_user=neighbour)

    def outbox_down(**kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(services, "notify", outbox_down)
    with pytest.raises(RuntimeError):
        split(report, manager, lighting, photos=[report.photos.first()])
    nothing_written(report)
    assert Photo.objects.count() == 2 and Follower.objects.count() == 1
    assert not AuditEvent.objects.filter(note__startswith="split").exists()


# --- The staff's page --------------------------------------------------------------------------

def url(name, report):
    return reverse(f"reports_staff:{name}", kwargs={"pk": report.pk})


def test_a_manager_splits_from_the_reports_page(client, report, manager, lighting):
    client.force_login(manager)
    page = client.get(url("detail", report)).content.decode()
    assert 'id="split-form"' in page
    for photo in report.photos.all():
        assert reverse("report_photos:photo", args=[photo.pk, "thumbnail"]) in page
    assert 'alt="Foto 2 della segnalazione"' in page
    light = report.photos.last()
    response = client.post(url("split", report), {
        "split-category": lighting.pk, "split-place": "entrance",
        "split-description": "Luce spenta.", "split-photos": [light.pk]})
    part = Report.objects.get(split_from=report)
    assert response.status_code == 302 and response["Location"] == url("detail", part)
    assert part.photos.get().image.name == light.image.name

    page = client.get(url("detail", part)).content.decode()
    facts = re.search(r'id="report-facts".*?</dl>', page, re.S).group(0)
    assert (f'id="report-split-from"><a href="{url("detail", report)}">{report.reference}</a>'
            in facts)
    assert f'Divisa da <a href="{url("detail", report)}">{report.reference}</a>' in page
    history = client.get(url("detail", report)).content.decode()
    assert (f'continua come <a href="{url("detail", part)}">{part.reference}</a>: '
            f"Elettricità e illuminazione") in history


def test_an_error_is_shown_next_to_its_field_and_nothing_is_saved(client, report, manager,
                                                                  lighting):
    client.force_login(manager)
    response = client.post(url("split", report), {
        "split-category": lighting.pk, "split-place": "entrance", "split-description": ""})
    assert response.status_code == 200
    page = response.content.decode()
    error = re.search(r'id="id_split-description-error"[^>]*>(.*?)</div>', page, re.S)
    assert "Descrivi il problema" in error.group(1)
    response = client.post(url("split", report), {
        "split-category": lighting.pk, "split-place": "entrance",
        "split-description": "Luce.", "split-photos": ["999999"]})
    error = re.search(r'id="id_split-photos-error"[^>]*>(.*?)</div>',
                      response.content.decode(), re.S)
    assert "Scegli tra le foto" in error.group(1)
    nothing_written(report)


def test_a_report_that_is_not_open_offers_no_split(client, report, manager, lighting):
    Report.objects.filter(pk=report.pk).update(status="resolved")
    client.force_login(manager)
    assert 'id="split-form"' not in client.get(url("detail", report)).content.decode()
    response = client.post(url("split", report), {
        "split-category": lighting.pk, "split-place": "entrance", "split-description": "x"})
    assert "non può essere divisa" in response.content.decode()
    nothing_written(report)


def test_out_of_scope_is_not_found_and_others_are_forbidden(client, report, register,
                                                            make_user, tenant, lighting):
    data = {"split-category": lighting.pk, "split-place": "entrance",
            "split-description": "Luce."}
    client.force_login(make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))
    assert client.post(url("split", report), data).status_code == 404
    client.force_login(make_user("care_staff", hubs=[register["hubs"]["san-siro"]]))
    assert 'id="split-form"' not in client.get(url("detail", report)).content.decode()
    assert client.post(url("split", report), data).status_code == 403
    client.force_login(tenant)
    assert client.post(url("split", report), data).status_code == 403
    nothing_written(report)


# --- The API -----------------------------------------------------------------------------------

def test_the_api_splits_with_the_same_rules(client, report, manager, register, make_user,
                                            tenant):
    light = report.photos.last()
    client.force_login(manager)
    response = client.post(API + f"staff/reports/{report.pk}/split", {
        "category": "electricity", "place": "entrance", "description": "Luce spenta.",
        "photos": [light.pk]})
    assert response.status_code == 200, response.content
    part = response.json()
    assert part["category"]["code"] == "electricity" and len(part["photos"]) == 1
    assert Report.objects.get(pk=part["id"]).split_from == report

    refused = client.post(API + f"staff/reports/{report.pk}/split", {
        "category": "electricity", "place": "entrance", "description": "Luce.",
        "photos": [999999]})
    assert refused.status_code == 422
    assert "Scegli tra le foto" in refused.content.decode()
    client.force_login(make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))
    assert client.post(API + f"staff/reports/{report.pk}/split", {
        "category": "electricity", "place": "entrance",
        "description": "Luce."}).status_code == 404
    client.force_login(tenant)
    assert client.post(API + f"staff/reports/{report.pk}/split", {
        "category": "electricity", "place": "entrance",
        "description": "Luce."}).status_code == 403
    assert Report.objects.count() == 2


def test_the_api_document_describes_the_split(client):
    schema = client.get(reverse("api:openapi-json")).json()
    operation = schema["paths"][API + "staff/reports/{report_id}/split"]["post"]
    assert operation["summary"] == "Split a report in two (staff)"
    assert {"200", "401", "403", "404", "422"} <= set(operation["responses"])
