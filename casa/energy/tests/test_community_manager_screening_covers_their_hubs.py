"""A Community Manager sees the screening of their own Spazi CASA only, and cannot invite."""

import csv
import io

from django.urls import reverse

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Invitation

from .backoffice import ON, eligible_register, login


def test_the_screening_page_counts_only_the_households_of_their_hubs(client, register,
                                                                     make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    login(client, make_user("community_manager", hubs=[register["hubs"]["san-siro"]]))

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    summary = response.context["summary"]
    assert (summary.totals.households, summary.totals.eligible) == (1, 1)
    assert [row.code for row in summary.eligible] == ["H001"]
    assert [name for name, _totals in summary.by_hub] == ["San Siro"]
    html = response.content.decode()
    assert "Only the households of your Spazi CASA are included." in html
    assert "H002" not in html
    assert reverse("energy:invite", args=[DEMO_CALL_CODE]) not in html


def test_their_csv_download_holds_only_their_households(client, register, make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    login(client, make_user("community_manager", hubs=[register["hubs"]["lorenteggio"]]))

    response = client.get(reverse("energy:screening_csv", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["household_code"] for row in rows] == ["H002"]


def test_they_cannot_send_invitations(client, register, make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    login(client, make_user("community_manager", hubs=[register["hubs"]["san-siro"]]))

    response = client.post(reverse("energy:invite", args=[DEMO_CALL_CODE]),
                           {"as_of": ON.isoformat()})

    assert response.status_code == 403
    assert not Invitation.objects.exists()
