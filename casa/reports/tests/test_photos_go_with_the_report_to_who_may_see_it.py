"""A report's photos are checked and cleaned before anything is saved (a bad one refuses the
whole report, naming the file, and leaves no file behind), stored with no metadata and a
thumbnail, and served only to who sees the report in full: its household and the staff of its
hub (audited); never to the building's other tenants, who see the public form, nor to anyone
outside the scope."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.core.tests.test_photos_are_checked_and_cleaned import (
    assert_no_metadata,
    jpeg_bytes,
    phone_exif,
    sideways,
)
from casa.reports import services
from casa.reports.models import Photo, Report, Update
from casa.reports.rules import MAX_PHOTOS
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db


def phone_photo(name="IMG_0001.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(sideways((80, 40)), exif=phone_exif()),
                              content_type="image/jpeg")


def stored_files(media_root):
    return sorted(path.name for path in media_root.rglob("*") if path.is_file())


def report_with_photo(user, lift, place="entrance"):
    return services.report_create(category=lift, place=place, description="Perdita.",
                                  acting_user=user, photos=[phone_photo()])


def test_a_photo_is_kept_without_gps_and_with_a_thumbnail(tenant, lift):
    report = report_with_photo(tenant, lift)
    [photo] = report.photos.all()
    with photo.image.open("rb") as image:
        data = image.read()
    assert_no_metadata(data)
    assert (photo.width, photo.height) == (40, 80)  # upright
    assert photo.thumbnail.size > 0 and photo.sent_as == "image/jpeg"


def test_one_bad_file_refuses_the_report_names_it_and_leaves_nothing(tenant, lift,
                                                                     media_root):
    fake = SimpleUploadedFile("leak.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as refused:
        services.report_create(category=lift, place="entrance", description="Perdita.",
                               acting_user=tenant, photos=[phone_photo(), fake])
    assert "leak.jpg" in " ".join(refused.value.message_dict["photos"])
    assert not Report.objects.exists() and not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_more_than_five_photos_are_refused(tenant, lift):
    with pytest.raises(ValidationError) as refused:
        services.report_create(category=lift, place="entrance", description="x",
                               acting_user=tenant,
                               photos=[phone_photo(f"{n}.jpg") for n in range(MAX_PHOTOS + 1)])
    assert "photos" in refused.value.message_dict


def test_files_written_before_a_failure_are_removed(tenant, lift, media_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Update.objects, "create", broken)
    with pytest.raises(RuntimeError):
        report_with_photo(tenant, lift)
    assert stored_files(media_root) == []
    assert not Photo.objects.exists()


def test_the_photo_is_served_only_to_who_sees_the_report_in_full(
        register, tenant, neighbour, manager, make_user, lift):
    photo = report_with_photo(tenant, lift).photos.get()
    url = reverse("report_photos:photo", args=[photo.pk, "photo"])

    def answer(user):
        client = Client()
        client.force_login(user)
        return client.get(url)

    mine = answer(tenant)
    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    assert answer(manager).status_code == 200
    assert AuditEvent.objects.filter(action="view", target_type="reports.report",
                                     actor_id=manager.pk).exists()
    assert answer(neighbour).status_code == 404  # the public form has no photos
    assert answer(make_user("tenant", fiscal_code=FISCAL_CODES[1])).status_code == 404
    outsider = make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]])
    assert answer(outsider).status_code == 404
    assert answer(make_user("benefit_officer")).status_code == 403
    thumb = Client()
    thumb.force_login(tenant)
    assert thumb.get(reverse("report_photos:photo", args=[photo.pk, "thumbnail"])
                     ).status_code == 200
    assert thumb.get(reverse("report_photos:photo", args=[photo.pk, "original"])
                     ).status_code == 404
