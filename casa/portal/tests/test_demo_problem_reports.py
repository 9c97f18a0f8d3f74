"""`seed_demo` tells the demo's problem reports through the real services (casa/reports/demo.py):
every status, category and kind of place at the nine Spazi CASA, reported by tenants, by staff
for a household and from their rounds, with photos that keep none of the phone's metadata. The
demo tenant of San Siro has a report about their flat, a resolved one waiting for "is it really
fixed?" and a neighbour's report they follow; the demo Community Manager of San Siro has late
and urgent reports in their queue. Running it again adds nothing."""

import datetime as dt
from collections import Counter
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from casa.accounts.models import Role, User
from casa.care.models import RoundCheck
from casa.core.tests.test_photos_are_checked_and_cleaned import assert_no_metadata, opened
from casa.notifications.models import Message
from casa.registry.models import Hub
from casa.registry.selectors import tenant_household
from casa.reports import queue, rules, selectors
from casa.reports.demo import (
    DEMO_GPS,
    HOME,
    NEIGHBOUR_DOMAIN,
    PHONE_MAKER,
    STORIES,
    demo_photo,
)
from casa.reports.models import (
    Category,
    Contractor,
    Follower,
    Photo,
    Report,
    Update,
    UpdateKind,
    WorkOrder,
)
from casa.reports.rules import COMMON_AREAS, OPEN, Place, Status

HOUSEHOLDS = "300"


# seed_demo once for this module (casa/portal/tests/conftest.py: demo_seed, seeded).
SEED_ARGS = ["--households", HOUSEHOLDS]


def counts():
    return (Report.objects.count(), Update.objects.count(), Photo.objects.count(),
            Follower.objects.count(), Contractor.objects.count(), User.objects.count(),
            Message.objects.count())


def test_the_demo_covers_every_status_category_place_and_hub(seeded):
    reports = list(Report.objects.select_related("category", "building__hub", "reported_by"))
    now = timezone.now()

    assert 40 <= len(reports) <= 60
    # Issue 11 (i11demo): the caretaker's demo round opens one more report, after these.
    opened_on_rounds = set(RoundCheck.objects.exclude(report=None)
                           .values_list("report_id", flat=True))
    assert len(opened_on_rounds) == 1
    told = len([report for report in reports if report.pk not in opened_on_rounds])
    assert f"{told} segnalazioni di problemi" in seeded
    assert {report.status for report in reports} == set(Status.values)
    assert {report.category.code for report in reports} == set(
        Category.objects.values_list("code", flat=True))
    assert {report.place for report in reports} == set(Place.values)
    # The stories are about all nine Spazi CASA, most in San Siro; a small register has
    # buildings at a few of them only, and each of those gets reports.
    stories = Counter("san-siro" if story.hub == HOME else story.hub for story in STORIES)
    assert set(stories) == set(Hub.objects.values_list("code", flat=True))
    assert stories.most_common(1)[0][0] == "san-siro"
    by_hub = {hub.code: sum(report.building.hub_id == hub.pk for report in reports)
              for hub in Hub.objects.filter(buildings__isnull=False).distinct()}
    assert all(by_hub.values()), by_hub
    assert max(by_hub, key=by_hub.get) == "san-siro", by_hub
    # Spread over two months, never in the future.
    assert min(report.created_at for report in reports) < now - dt.timedelta(days=40)
    assert max(report.created_at for report in reports) <= now
    # Who reported it: tenants themselves, staff for a household, staff on their rounds.
    assert any(report.reported_by.role == Role.TENANT for report in reports)
    assert any(report.on_behalf and report.household_id for report in reports)
    assert any(report.household_id is None for report in reports)
    for report in reports:
        if report.status == Status.REJECTED:
            assert report.rejection_reason
        if report.status == Status.MERGED:
            assert report.merged_into.building_id == report.building_id
        if report.status == Status.RESOLVED:  # the reporter can still say it is not fixed
            assert now < rules.reopen_until(report.resolved_at)
    assert any(report.urgent and report.status in OPEN for report in reports)
    kinds = set(Update.objects.values_list("kind", flat=True))
    assert {UpdateKind.REPLY, UpdateKind.NOTE, UpdateKind.ASSIGNED} <= kinds
    assert Report.objects.exclude(assigned_to=None).exists()
    # A reopened report: the reporter said it was not fixed.
    assert Update.objects.filter(from_status=Status.RESOLVED, to_status=Status.IN_PROGRESS,
                                 actor__role=Role.TENANT).exists()
    # Neighbours follow common-area reports of their own building.
    for follower in Follower.objects.select_related("report", "household__unit"):
        assert follower.report.place in COMMON_AREAS
        assert follower.household.unit.building_id == follower.report.building_id
    assert Follower.objects.exclude(user__email__endswith="@demo.casa.invalid").exists()
    # The accounts of the neighbours who report are no demo logins.
    neighbours = User.objects.filter(email__endswith=f"@{NEIGHBOUR_DOMAIN}")
    assert neighbours.exists()
    assert not any(user.has_usable_password() for user in neighbours)
    assert "@" + NEIGHBOUR_DOMAIN not in seeded
    # The contractors, each for its categories, with an address that goes nowhere.
    contractors = Contractor.objects.prefetch_related("categories")
    assert 4 <= contractors.count() <= 5
    for contractor in contractors:
        assert contractor.email.endswith(".invalid") and contractor.categories.exists()
    # Reports sent to them, some with the answer and the cost recorded; the e-mails are in
    # the outbox, to the contractors' addresses.
    orders = WorkOrder.objects.select_related("contractor")
    assert orders.count() >= 4
    assert orders.filter(cost_eur__gt=0).count() >= 3
    assert orders.exclude(contractor_reference="").count() >= 4
    assert Message.objects.filter(kind="reports.work_order").count() == orders.count()


def test_the_san_siro_tenant_has_their_three_reports_on_their_pages(seeded):
    tenant = User.objects.get(email="tenant.sansiro@demo.casa.invalid")
    household = tenant_household(tenant)
    now = timezone.now()
    mine = list(selectors.tenant_reports(tenant))

    [open_flat] = [report for report in mine if report.household_id == household.pk
                   and report.place == Place.FLAT and report.status in OPEN]
    [resolved] = [report for report in mine if report.household_id == household.pk
                  and report.status == Status.RESOLVED]
    assert rules.reporter_may_change(resolved.status, Status.CLOSED,
                                     resolved_at=resolved.resolved_at, now=now)
    [followed] = [report for report in mine if report.household_id != household.pk]
    assert followed.place in COMMON_AREAS and followed.status in OPEN
    assert followed.building_id == household.unit.building_id
    assert followed.reported_by.role == Role.TENANT and followed.reported_by != tenant
    assert followed.photos.exists()

    client = Client()
    client.force_login(tenant)
    page = client.get(reverse("reports:my_reports")).content.decode()
    home = client.get(reverse("portal:my_home")).content.decode()
    for report in (open_flat, resolved, followed):
        assert report.reference in page
    for report in (open_flat, resolved):
        assert f'data-report="{report.pk}"' in home
    assert reverse("reports:my_report", args=[resolved.pk]) + "#is-it-fixed" in home


def test_the_san_siro_community_manager_has_late_and_urgent_reports(seeded):
    manager = User.objects.get(email="cm.sansiro@demo.casa.invalid")
    now = timezone.now()

    late_and_urgent = list(queue.queue(manager, queue.Filters(late=True, urgent=True), now=now))
    late = list(queue.queue(manager, queue.Filters(late=True), now=now))
    urgent = list(queue.queue(manager, queue.Filters(urgent=True), now=now))
    on_time = [report for report in queue.queue(manager, queue.Filters(), now=now)
               if not selectors.late(report, now)]

    assert late_and_urgent and on_time
    assert any(not report.urgent for report in late)
    assert any(not selectors.late(report, now) for report in urgent)
    assert {report.building.hub.code for report in late} == {"san-siro"}


def test_the_demo_photos_are_stored_without_the_phones_metadata(seeded):
    sent = demo_photo("leak", 1)
    exif = opened(sent.read()).getexif()
    assert exif[0x010F] == PHONE_MAKER and exif.get_ifd(0x8825)[1] == DEMO_GPS[1]

    photos = list(Photo.objects.all())
    assert len(photos) >= 5
    for photo in photos:
        with photo.image.open("rb") as image:
            assert_no_metadata(image.read())
        with photo.thumbnail.open("rb") as thumbnail, Image.open(thumbnail) as small:
            assert max(small.size) <= 400


def test_a_second_run_adds_no_report(seeded):
    before = counts()
    assert before[0] and before[4]  # reports and contractors

    call_command("seed_demo", "--households", HOUSEHOLDS, stdout=StringIO())
    call_command("seed_demo", "--households", HOUSEHOLDS, "--if-empty", stdout=StringIO())

    assert counts() == before
