"""Two years after a problem report is closed, its description, messages, notes, photos, the
flat and household it named and its followers go (casa/reports/retention.py); the report keeps
its reference, category, building, place, status and dates. An open report is untouched."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casa.core import retention
from casa.core.tests.test_photos_are_checked_and_cleaned import jpeg_bytes, sideways
from casa.reports.models import Follower, Photo, Report, Update
from casa.reports.services import (
    report_answer_fixed,
    report_change_status,
    report_create,
    report_follow,
)

pytestmark = pytest.mark.django_db


def apply(now):
    return retention.apply(retention.POLICIES["reports.report"], now=now).done


def test_a_report_closed_two_years_ago_keeps_only_its_facts(tenant, neighbour, manager, lift):
    now = timezone.now().replace(month=6, day=15)
    photo = SimpleUploadedFile("lift.jpg", jpeg_bytes(sideways((80, 40))),
                               content_type="image/jpeg")
    report = report_create(category=lift, place="entrance",
                           description="Bloccato con dentro la sig.ra Gialli",
                           acting_user=tenant, photos=[photo], now=now)
    still_open = report_create(category=lift, place="entrance", description="Rumore",
                               acting_user=tenant, now=now)
    report_follow(report=report, acting_user=neighbour)
    report_change_status(report=report, status="resolved", acting_user=manager,
                         public_message="Riparato, salutiamo la sig.ra Gialli", now=now)
    report_answer_fixed(report=report, fixed=True, acting_user=tenant, now=now)
    stored = Photo.objects.get(report=report).image.name
    assert default_storage.exists(stored)

    assert apply(now.replace(year=now.year + 2)) == 0
    assert apply(now.replace(year=now.year + 2) + dt.timedelta(seconds=1)) == 1

    report = Report.objects.get(pk=report.pk)
    assert (report.description, report.household, report.unit) == ("", None, None)
    assert (report.status, report.category, report.closed_at) == ("closed", lift, now)
    assert not Photo.objects.filter(report=report).exists()
    assert not default_storage.exists(stored)
    assert not Follower.objects.filter(report=report).exists()
    assert not Update.objects.filter(report=report).exclude(public_message="",
                                                           internal_note="").exists()
    assert Report.objects.get(pk=still_open.pk).description == "Rumore"
    assert apply(now.replace(year=now.year + 5)) == 0
