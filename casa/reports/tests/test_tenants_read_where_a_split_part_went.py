"""A report split by the staff says so in the history the tenants read: the reporter's
household reads where the part went and follows the link to it, and the part says where it
came from; the building's other tenants read that a part continues elsewhere, but the part is
named and linked only when it is about a common area they may see (a part about the
reporter's flat stays private). The API says the same, no more."""

import re

import pytest
from django.urls import reverse

from casa.reports import services
from casa.reports.models import Category

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def report(tenant, lift, neighbour):
    """The tenant's report about their entrance, which the neighbour follows."""
    made = services.report_create(category=lift, place="entrance", acting_user=tenant,
                                  description="Ascensore fermo e perdita in bagno.")
    services.report_follow(report=made, acting_user=neighbour)
    return made


def split(report, manager, code, place):
    return services.report_split(report=report, category=Category.objects.get(code=code),
                                 place=place, description="L'altro problema.",
                                 acting_user=manager)


def history(client, report):
    page = client.get(reverse("reports:my_report", args=[report.pk])).content.decode()
    return re.search(r'id="report-history".*?</ol>', page, re.S).group(0)


def link(report):
    return f'<a href="{reverse("reports:my_report", args=[report.pk])}">{report.reference}</a>'


def test_the_reporter_reads_where_the_part_went_and_where_it_came_from(client, report,
                                                                       manager, tenant):
    part = split(report, manager, "water_leak", "flat")
    client.force_login(tenant)
    original_history = history(client, report)
    assert "Divisa in due dal personale" in original_history
    assert f"continua come {link(part)}: Perdita d&#x27;acqua." in original_history
    assert f"dalla segnalazione {link(report)}" in history(client, part)


def test_a_neighbour_is_not_told_of_a_part_about_the_reporters_flat(client, report, manager,
                                                                    neighbour):
    part = split(report, manager, "water_leak", "flat")
    client.force_login(neighbour)
    seen = history(client, report)  # in English, the neighbour's household's language
    assert "Part of this report continues as another report." in seen
    assert part.reference not in seen and "Water leak" not in seen
    assert client.get(reverse("reports:my_report", args=[part.pk])).status_code == 404


def test_a_neighbour_follows_the_link_to_a_part_about_a_common_area(client, report,
                                                                    manager, neighbour):
    part = split(report, manager, "electricity", "entrance")
    client.force_login(neighbour)
    assert link(part) in history(client, report)
    # The part came from a report about the entrance too: the neighbour may read where.
    assert link(report) in history(client, part)


def test_a_common_area_part_of_a_flat_report_does_not_name_the_flat_report(
        client, tenant, lift, manager, neighbour):
    flat = services.report_create(category=lift, place="flat", acting_user=tenant,
                                  description="Perdita in bagno e luce delle scale spenta.")
    part = split(flat, manager, "electricity", "entrance")
    client.force_login(neighbour)
    seen = history(client, part)
    assert "from another report" in seen and flat.reference not in seen


def test_the_api_names_the_other_report_only_to_who_may_see_it(client, report, manager,
                                                               tenant, neighbour):
    part = split(report, manager, "water_leak", "flat")
    client.force_login(tenant)
    [entry] = [update for update in client.get(API + f"reports/{report.pk}").json()["updates"]
               if update["kind"] == "split"]
    assert entry["related"] == {"id": part.pk, "reference": part.reference,
                                "category": {"code": "water_leak", "label": "Perdita d'acqua"}}
    client.force_login(neighbour)
    [entry] = [update for update in client.get(API + f"reports/{report.pk}").json()["updates"]
               if update["kind"] == "split"]
    assert entry["related"] is None and entry["message"] == ""
    listed = client.get(API + "reports").json()
    assert part.pk not in [item["id"] for item in listed]
    assert part.reference not in str(listed)
