"""The tenant's pages: "Report a problem" (what, where, a description; "is it one of these?"
before saving, following one instead or sending anyway; errors next to their fields, nothing
saved), "My reports" with "In your building", and a report's page, in full for the reporting
household and in public form for the building's other tenants."""

import pytest
from django.urls import reverse

from casa.notifications.models import Message
from casa.reports.models import Follower, Report
from casa.reports.services import report_change_status, report_create
from conftest import FISCAL_CODES

pytestmark = pytest.mark.django_db

NEW = reverse("reports:new")


def page(report):
    return reverse("reports:my_report", args=[report.pk])


@pytest.fixture
def stairwell_leak(neighbour):
    """The neighbour's (H004) open report of a leak in the stairwell of building B001."""
    from casa.reports.models import Category

    return report_create(category=Category.objects.get(code="water_leak"), place="entrance",
                         description="Acqua dal soffitto al terzo piano, da ieri sera.",
                         acting_user=neighbour)


def test_a_report_with_no_similar_one_is_saved_and_its_page_shown(client, tenant):
    client.force_login(tenant)
    form = client.get(NEW)
    assert form.status_code == 200
    assert "Via Zamagna 5" in form.content.decode()  # which building, from the register

    response = client.post(NEW, {"category": "lift", "place": "entrance",
                                 "description": "  L'ascensore è fermo al piano terra.  "})

    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == page(report)
    assert (report.category.code, report.place, report.entrance, report.description) == (
        "lift", "entrance", "A", "L'ascensore è fermo al piano terra.")
    assert report.household == tenant_household_of(tenant)


def tenant_household_of(user):
    from casa.registry.selectors import tenant_household

    return tenant_household(user)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "category", "Scegli di che cosa si tratta."),
    ({"category": "no-such-thing", "place": "entrance", "description": "x"}, "category",
     "Scegli di che cosa si tratta."),
    ({"category": "lift", "place": "moon", "description": "x"}, "place",
     "Scegli dove si trova il problema."),
    ({"category": "lift", "place": "entrance", "description": "   "}, "description",
     "Descrivi il problema in poche parole."),
    ({"category": "lift", "place": "entrance", "description": "x" * 2001}, "description",
     "al massimo 2000 caratteri"),
])
def test_bad_input_saves_nothing_and_says_why_next_to_the_field_in_italian(client, tenant, data,
                                                                           field, message):
    client.cookies["django_language"] = "it"
    client.force_login(tenant)

    response = client.post(NEW, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode() or (
        f"id_{field}" in response.content.decode())
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_the_open_reports_of_the_same_kind_are_shown_before_saving(client, tenant,
                                                                  stairwell_leak):
    client.force_login(tenant)
    typed = {"category": "water_leak", "place": "entrance",
             "description": "Perde acqua <dalle scale>."}

    check = client.post(NEW, typed)

    assert check.status_code == 200 and check.templates[0].name == "reports/check.html"
    html = check.content.decode()
    assert stairwell_leak.reference in html
    assert "Acqua dal soffitto" not in html  # another household's description: never shown
    # What was typed is kept for "send it anyway" and "change what I wrote".
    assert 'name="description" value="Perde acqua &lt;dalle scale&gt;."' in html
    assert Report.objects.count() == 1

    changed = client.post(NEW, {**typed, "edit": "1"})
    assert changed.templates[0].name == "reports/new.html"
    assert "Perde acqua &lt;dalle scale&gt;." in changed.content.decode()
    assert Report.objects.count() == 1

    sent = client.post(NEW, {**typed, "send": "anyway"})
    mine = Report.objects.exclude(pk=stairwell_leak.pk).get()
    assert sent["Location"] == page(mine) and mine.description == "Perde acqua <dalle scale>."


def test_following_one_of_them_instead_saves_no_report(client, tenant, stairwell_leak):
    client.force_login(tenant)
    client.post(NEW, {"category": "water_leak", "place": "entrance", "description": "Perde."})

    response = client.post(reverse("reports:follow", args=[stairwell_leak.pk]))

    assert response["Location"] == page(stairwell_leak)
    assert Follower.objects.filter(report=stairwell_leak, user=tenant).exists()
    assert Report.objects.count() == 1
    # Followed, it is among "My reports"; no longer under "In your building".
    listing = client.get(reverse("reports:my_reports"))
    assert list(listing.context["reports"]) == [stairwell_leak]
    assert list(listing.context["in_building"]) == []

    client.post(reverse("reports:unfollow", args=[stairwell_leak.pk]))
    assert not Follower.objects.filter(report=stairwell_leak, user=tenant).exists()


def test_my_reports_lists_mine_and_followed_newest_first_and_my_buildings_open_ones(
        client, tenant, neighbour, stairwell_leak, lift, register, make_user):
    from casa.reports.services import report_follow

    client.force_login(tenant)
    older = report_create(category=lift, place="flat", description="Citofono.",
                          acting_user=tenant)
    newer = report_create(category=lift, place="courtyard", description="Luce.",
                          acting_user=tenant)
    elsewhere = report_create(category=lift, place="entrance", description="Altrove.",
                              acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[1]))

    listing = client.get(reverse("reports:my_reports"))

    assert list(listing.context["reports"]) == [newer, older]
    assert list(listing.context["in_building"]) == [stairwell_leak]
    html = listing.content.decode()
    assert reverse("reports:follow", args=[stairwell_leak.pk]) in html
    assert elsewhere.reference not in html

    report_follow(report=stairwell_leak, acting_user=tenant)
    listing = client.get(reverse("reports:my_reports"))
    assert list(listing.context["reports"]) == [newer, older, stairwell_leak]


def test_a_report_is_shown_in_full_to_its_household_and_in_public_form_to_the_building(
        client, tenant, neighbour, stairwell_leak, manager):
    report_change_status(report=stairwell_leak, status="taken", acting_user=manager,
                         public_message="Mandiamo un idraulico domani.",
                         internal_note="Chiamare la ditta Rossi.")

    client.force_login(neighbour)
    own = client.get(page(stairwell_leak)).content.decode()
    assert "Acqua dal soffitto" in own and "Mandiamo un idraulico domani." in own

    client.force_login(tenant)
    public = client.get(page(stairwell_leak))
    html = public.content.decode()
    assert public.context["full"] is False
    assert "Mandiamo un idraulico domani." in html  # the staff's public message
    for private in ("Acqua dal soffitto", "Chiamare la ditta", "Haddad", "Amina"):
        assert private not in html
    assert reverse("reports:follow", args=[stairwell_leak.pk]) in html


def test_a_report_outside_the_scope_is_not_found(client, tenant, neighbour, lift, make_user):
    neighbours_flat = report_create(category=lift, place="flat", description="Privato.",
                                    acting_user=neighbour)
    other_building = report_create(category=lift, place="entrance", description="Altrove.",
                                   acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[1]))
    client.force_login(tenant)
    for report in (neighbours_flat, other_building):
        for name in ("reports:my_report", "reports:follow", "reports:unfollow",
                     "reports:answer_fixed"):
            assert client.get(reverse(name, args=[report.pk])).status_code == 404
            assert client.post(reverse(name, args=[report.pk])).status_code == 404
    assert not Follower.objects.exists()


def test_is_it_really_fixed_no_needs_what_is_wrong_then_reopens(client, tenant, manager, lift):
    report = report_create(category=lift, place="entrance", description="Fermo.",
                           acting_user=tenant)
    report_change_status(report=report, status="resolved", acting_user=manager)
    client.cookies["django_language"] = "it"
    client.force_login(tenant)
    assert 'id="is-it-fixed"' in client.get(page(report)).content.decode()
    answer = reverse("reports:answer_fixed", args=[report.pk])

    refused = client.post(answer, {"fixed": "no", "comment": " "})
    assert refused.status_code == 200
    assert refused.context["fixed_form"].errors["comment"] == ["Di’ che cosa non va ancora."]
    assert "Di’ che cosa non va ancora." in refused.content.decode()
    report.refresh_from_db()
    assert report.status == "resolved"

    unanswered = client.post(answer, {})
    assert "fixed" in unanswered.context["fixed_form"].errors

    reopened = client.post(answer, {"fixed": "no", "comment": "Si ferma ancora al 2° piano."})
    assert reopened["Location"] == page(report)
    report.refresh_from_db()
    assert report.status == "in_progress"
    # Not resolved any more: the question is gone, and a late answer is refused with a message.
    assert 'id="is-it-fixed"' not in client.get(page(report)).content.decode()
    late = client.post(answer, {"fixed": "yes"})
    assert late.status_code == 200 and "fixed" in late.context["fixed_form"].errors


def test_only_the_reporting_household_is_asked_whether_it_is_fixed(client, tenant, neighbour,
                                                                   stairwell_leak, manager):
    report_change_status(report=stairwell_leak, status="resolved", acting_user=manager)
    client.force_login(tenant)
    assert 'id="is-it-fixed"' not in client.get(page(stairwell_leak)).content.decode()
    response = client.post(reverse("reports:answer_fixed", args=[stairwell_leak.pk]),
                           {"fixed": "yes"})
    assert response.status_code == 302
    stairwell_leak.refresh_from_db()
    assert stairwell_leak.status == "resolved"


def test_the_messages_of_a_report_link_to_its_page(tenant, neighbour, manager, stairwell_leak):
    from casa.reports.services import report_follow

    report_follow(report=stairwell_leak, acting_user=tenant)
    report_change_status(report=stairwell_leak, status="taken", acting_user=manager,
                         public_message="Arriviamo.")

    messages = Message.objects.filter(kind__startswith="reports.", channel="app")
    assert {message.kind for message in messages} == {"reports.received", "reports.updated"}
    assert messages.count() == 3  # received by H004; the update to H004 and to H001
    for message in messages:
        assert message.link.endswith(page(stairwell_leak)), message.link
        assert page(stairwell_leak) in message.body


def test_the_reporters_own_words_never_reach_the_other_tenants(client, tenant, neighbour,
                                                                 stairwell_leak, manager):
    from casa.reports.services import report_answer_fixed

    report_change_status(report=stairwell_leak, status="resolved", acting_user=manager,
                         public_message="Sostituito il tubo.")
    report_answer_fixed(report=stairwell_leak, fixed=False, acting_user=neighbour,
                        comment="Gocciola ancora dalla finestra della signora Haddad.")

    client.force_login(tenant)
    html = client.get(page(stairwell_leak)).content.decode()
    assert "Sostituito il tubo." in html and "Gocciola" not in html
    client.force_login(neighbour)
    assert "Gocciola" in client.get(page(stairwell_leak)).content.decode()


def test_urgent_and_late_are_shown_while_a_report_is_open(client, tenant, lift, manager):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    report = report_create(category=lift, place="entrance", description="Fermo.",
                           acting_user=tenant)  # a lift: urgent, 24 hours
    client.cookies["django_language"] = "en"
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25), tick=False):
        client.force_login(tenant)
        line = client.get(reverse("reports:my_reports")).content.decode()
        assert ">Urgent<" in line and ">Late<" in line
        report_change_status(report=report, status="resolved", acting_user=manager)
        line = client.get(reverse("reports:my_reports")).content.decode()
        assert ">Urgent<" not in line and ">Late<" not in line


def test_photos_sent_with_the_form_are_kept_and_shown_to_the_household(client, tenant):
    from casa.reports.tests.test_photos_go_with_the_report_to_who_may_see_it import phone_photo

    client.force_login(tenant)
    client.post(NEW, {"category": "lift", "place": "entrance", "description": "Fermo.",
                      "photos": [phone_photo("a.jpg"), phone_photo("b.heic.jpg")]})
    report = Report.objects.get()
    assert report.photos.count() == 2
    html = client.get(page(report)).content.decode()
    for photo in report.photos.all():
        assert reverse("report_photos:photo", args=[photo.pk, "thumbnail"]) in html


def test_a_bad_photo_saves_nothing_and_is_named_next_to_the_field(client, tenant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.cookies["django_language"] = "it"
    client.force_login(tenant)
    fake = SimpleUploadedFile("perdita.jpg", b"not a photo at all", content_type="image/jpeg")
    response = client.post(NEW, {"category": "lift", "place": "entrance",
                                 "description": "Fermo.", "photos": [fake]})
    assert response.status_code == 200
    assert "perdita.jpg" in " ".join(response.context["form"].errors["photos"])
    assert Report.objects.count() == 0


def test_is_it_one_of_these_asks_for_the_photos_again(client, tenant, stairwell_leak):
    from casa.reports.tests.test_photos_go_with_the_report_to_who_may_see_it import phone_photo

    client.cookies["django_language"] = "en"
    client.force_login(tenant)
    check = client.post(NEW, {"category": "water_leak", "place": "entrance",
                              "description": "Macchia.", "photos": [phone_photo()]})
    html = check.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="photos"' in html
    assert "choose them again" in html
    client.post(NEW, {"category": "water_leak", "place": "entrance", "description": "Macchia.",
                      "send": "anyway", "photos": [phone_photo()]})
    assert Report.objects.exclude(pk=stairwell_leak.pk).get().photos.count() == 1


def test_the_same_form_sent_twice_saves_one_report(client, tenant):
    import re

    client.force_login(tenant)
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"',
                    client.get(NEW).content.decode()).group(1)
    data = {"category": "lift", "place": "entrance", "description": "Fermo.",
            "submission_key": key}
    first, again = client.post(NEW, data), client.post(NEW, data)  # a double tap
    assert Report.objects.count() == 1
    assert first["Location"] == again["Location"] == page(Report.objects.get())


def test_the_key_travels_through_is_it_one_of_these(client, tenant, stairwell_leak):
    import re

    client.force_login(tenant)
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"',
                    client.get(NEW).content.decode()).group(1)
    data = {"category": "water_leak", "place": "entrance", "description": "Macchia.",
            "submission_key": key}
    check = client.post(NEW, data).content.decode()
    assert f'name="submission_key" value="{key}"' in check
    for _ in range(2):
        client.post(NEW, {**data, "send": "anyway"})
    assert Report.objects.exclude(pk=stairwell_leak.pk).count() == 1
