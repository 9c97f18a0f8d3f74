"""Staff report a problem for a household, from its page in the register, or from their
rounds about a common area of a building of their hubs: the same form, calling report_create,
with its messages next to the fields and nothing saved when something is missing."""

import html
import re

import pytest
from django.urls import reverse

from casa.registry.models import Building
from casa.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_household_page_links_to_reporting_for_it(client, register, manager, lift):
    client.force_login(manager)
    page = client.get(reverse("registry:household_detail", args=["H001"])).content.decode()
    assert reverse("reports_staff:new_for_household", args=["H001"]) in page
    assert 'id="household-reports"' in page


def test_a_community_manager_reports_for_a_household(client, register, manager, lift):
    client.force_login(manager)
    response = client.post(reverse("reports_staff:new_for_household", args=["H001"]), {
        "category": lift.pk, "place": "flat", "description": "Il bagno perde."})
    report = Report.objects.get()
    assert response["Location"] == reverse("reports_staff:detail", kwargs={"pk": report.pk})
    assert (report.household.code, report.place, report.on_behalf, report.reported_by) == (
        "H001", "flat", True, manager)
    assert report.unit == register["households"]["H001"].unit
    # The household page now lists it.
    page = client.get(reverse("registry:household_detail", args=["H001"])).content.decode()
    assert report.reference in page


def test_a_household_of_another_hub_is_not_found(client, register, manager):
    client.force_login(manager)
    assert client.get(reverse("reports_staff:new_for_household",
                              args=["H002"])).status_code == 404


def test_missing_fields_are_said_next_to_them_and_nothing_is_saved(client, register, manager):
    client.force_login(manager)
    response = client.post(reverse("reports_staff:new_for_household", args=["H001"]),
                           {"category": "", "place": "", "description": " "})
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("Scegli di che cosa si tratta.", "Descrivi il problema in poche parole."):
        assert message in page
    assert not Report.objects.exists()


def test_care_staff_report_a_common_area_from_their_rounds(client, register, make_user, lift):
    care = make_user("care_staff", hubs=[register["hubs"]["san-siro"]])
    client.force_login(care)
    page = client.get(reverse("reports_staff:new")).content.decode()
    b001, b002 = Building.objects.get(code="B001"), Building.objects.get(code="B002")
    buildings = re.search(r'<select name="building".*?</select>', page, re.S).group(0)
    assert f'value="{b001.pk}"' in buildings and f'value="{b002.pk}"' not in buildings
    assert 'value="courtyard"' in page and 'value="flat"' not in page  # common areas only
    response = client.post(reverse("reports_staff:new"), {
        "building": b001.pk, "category": lift.pk, "place": "courtyard",
        "description": "Cancello rotto."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.building, report.household, report.on_behalf) == (b001, None, True)
    # A building of another hub is not among the choices.
    response = client.post(reverse("reports_staff:new"), {
        "building": b002.pk, "category": lift.pk, "place": "courtyard",
        "description": "Cancello rotto."})
    assert response.status_code == 200 and Report.objects.count() == 1
    # No building: the service says to choose one.
    response = client.post(reverse("reports_staff:new"), {
        "category": lift.pk, "place": "courtyard", "description": "Cancello rotto."})
    assert "Scegli l'edificio." in html.unescape(response.content.decode())
    assert Report.objects.count() == 1
