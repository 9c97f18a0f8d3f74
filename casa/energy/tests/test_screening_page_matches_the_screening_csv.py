"""The back-office screening shows the same results as `manage.py energy_screen`."""

import csv
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.registry.models import Household

from .backoffice import ON, eligible_register, give, login


def command_csv(tmp_path):
    out = tmp_path / "screening.csv"
    call_command("energy_screen", "--call", DEMO_CALL_CODE, "--as-of", ON.isoformat(),
                 "--out", out)
    return out.read_text(encoding="utf-8")


def test_the_totals_on_the_page_are_those_of_the_command_csv(client, register, make_user,
                                                              tmp_path):
    create_demo_call(today=ON)
    eligible_register(register)
    Household.objects.filter(code="H002").update(arrears_eur="50.00")  # now not eligible
    rows = list(csv.DictReader(io.StringIO(command_csv(tmp_path))))
    login(client, make_user("benefit_officer"))

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    summary = response.context["summary"]
    eligible = [row for row in rows if row["eligible"] == "true"]
    assert summary.totals.households == len(rows) == 3
    assert summary.totals.eligible == len(eligible) == 1
    assert summary.totals.amount == sum(float(row["amount_eur"]) for row in eligible) == 600
    reasons = dict(summary.reasons)
    assert reasons["arrears"] == sum("arrears" in row["reasons"] for row in rows) == 1
    assert reasons["rent_band"] == 1
    html = response.content.decode()
    assert "600.00\N{NO-BREAK SPACE}€" in html
    assert "Rent arrears without a repayment plan" in html
    assert f'href="{reverse("registry:household_detail", args=["H001"])}"' in html
    # Budget 250,000 €: 600 € is 0.2 % of it.
    assert "0.2 %" in html


def test_the_csv_download_is_the_command_csv(client, register, make_user, tmp_path):
    create_demo_call(today=ON)
    eligible_register(register)
    login(client, make_user("programme_manager"))

    response = client.get(reverse("energy:screening_csv", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content).decode() == command_csv(tmp_path)


def test_the_page_shows_totals_by_hub_and_band_and_who_was_invited(client, register,
                                                                   make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    login(client, make_user("admin"))

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    summary = response.context["summary"]
    assert [(name, t.households, t.eligible) for name, t in summary.by_hub] == [
        ("Lorenteggio", 1, 1), ("San Siro", 1, 1), ("No Spazio CASA", 1, 0)]
    assert [(name, t.eligible, str(t.amount)) for name, t in summary.by_band] == [
        ("protection (protezione)", 1, "600.00"), ("access (accesso)", 1, "400.00"),
        ("permanence (permanenza)", 0, "0.00")]
    assert [(row.code, row.invited) for row in summary.eligible] == [
        ("H001", False), ("H002", False)]
    assert "Invite 2 households: eligible, not invited and not applied yet" in \
        response.content.decode()


def test_the_invitation_button_counts_only_the_households_it_will_really_invite(
        client, register, make_user):
    """H002 has applied already: it is eligible and not invited, but it will not be invited."""
    from casa.energy.invitations import invite_eligible

    from .fixtures import submit

    call = create_demo_call(today=ON)
    eligible_register(register)
    submit(call, register["households"]["H002"], by=make_user("benefit_officer"),
           channel="assisted")
    admin = make_user("admin")
    login(client, admin)

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]),
                          {"as_of": ON.isoformat()})

    assert response.context["summary"].to_invite == 1
    assert "Invite 1 household: eligible, not invited and not applied yet" in \
        response.content.decode()
    assert invite_eligible(call=call, on=ON, acting_user=admin).count == 1


def test_viewing_and_downloading_a_screening_is_in_the_audit_trail(client, register,
                                                                  make_user):
    create_demo_call(today=ON)
    eligible_register(register)
    officer = make_user("benefit_officer")
    login(client, officer)

    client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]), {"as_of": ON.isoformat()})
    b"".join(client.get(reverse("energy:screening_csv", args=[DEMO_CALL_CODE]),
                        {"as_of": ON.isoformat()}).streaming_content)

    events = AuditEvent.objects.filter(actor=officer, action="view",
                                       target_type="energy.call").order_by("id")
    assert [event.changes for event in events] == [
        {"screening_as_of": "2025-11-20", "households_listed": ["H001", "H002"]},
        {"screening_as_of": "2025-11-20", "download": "csv"},
    ]


def test_a_date_before_the_rules_says_so_instead_of_failing(client, register, make_user):
    create_demo_call(today=ON)
    login(client, make_user("admin"))

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]),
                          {"as_of": "2025-10-01"})

    assert response.status_code == 200
    assert "The call has no value in force on 01/10/2025" in response.content.decode()
    download = client.get(reverse("energy:screening_csv", args=[DEMO_CALL_CODE]),
                          {"as_of": "2025-10-01"})
    assert download.status_code == 302


def test_without_a_date_the_screening_is_for_today(client, register, make_user):
    create_demo_call(today=ON)
    give(register["households"]["H001"], isee="12000", charge="100")  # ISEE valid in 2025
    login(client, make_user("admin"))

    response = client.get(reverse("energy:screening", args=[DEMO_CALL_CODE]))

    assert response.context["on"] == timezone.localdate()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in response.content.decode()
