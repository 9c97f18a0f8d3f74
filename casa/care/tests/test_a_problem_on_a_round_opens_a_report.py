"""A problem found on a round opens a problem report in one tap: the item's category and place,
the building, the note, the round's photo as the report's photo; the report is linked to the
item, and a second tap opens no second report. The round's photo is served only to who may
see the round."""

import uuid

import pytest
from django.urls import reverse

from casa.care import services
from casa.care.models import RoundCheck
from casa.reports.models import Photo, Report

from .conftest import phone_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_light(register, carer):
    round_ = services.round_submit(
        building=register["households"]["H001"].unit.building,
        checks={"lighting": {"status": "problem", "note": "Lampada rotta al piano terra.",
                             "photo": phone_photo()},
                "lifts": {"status": "ok"}},
        acting_user=carer, submission_key=uuid.uuid4())
    return round_.checks.get(item="lighting")


def test_one_tap_opens_the_report_with_the_photo_and_links_it(client, register, carer,
                                                              broken_light):
    client.force_login(carer)
    url = reverse("care:open_report", args=[broken_light.round_id, broken_light.pk])

    response = client.post(url)
    client.post(url)  # a second tap

    report = Report.objects.get()
    assert response["Location"] == reverse("care:round_detail", args=[broken_light.round_id])
    assert (report.category.code, report.place, report.building.code) == (
        "electricity", "entrance", "B001")
    assert report.reported_by == carer and report.household is None
    assert "Lampada rotta al piano terra." in report.description
    assert Photo.objects.filter(report=report).count() == 1
    broken_light.refresh_from_db()
    assert broken_light.report == report
    page = client.get(reverse("care:round_detail", args=[broken_light.round_id]))
    assert report.reference in page.content.decode()


def test_an_item_found_all_right_opens_no_report(client, register, carer, broken_light):
    ok = RoundCheck.objects.get(round=broken_light.round, item="lifts")
    client.force_login(carer)
    client.post(reverse("care:open_report", args=[ok.round_id, ok.pk]))
    assert Report.objects.count() == 0


def test_the_rounds_photo_goes_only_to_who_sees_the_round(client, register, carer,
                                                         other_carer, broken_light):
    url = reverse("care:photo", args=[broken_light.pk, "thumbnail"])
    client.force_login(carer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    client.force_login(other_carer)
    assert client.get(url).status_code == 404
    assert client.post(reverse("care:open_report", args=[broken_light.round_id,
                                                         broken_light.pk])).status_code == 404
    assert Report.objects.count() == 0
