"""A tenant's access follows the current members of a current household, on every request: a
member whom a --full import ends, or who moves to another household, can no longer read the
household's home page, messages, application, receipt (with the full IBAN) and decision
letter, nor file or appeal for it, from the next request of the same session."""

import csv
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.decisions import application_decide
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Appeal, Application
from casa.energy.tests.backoffice import give, login
from casa.notifications.models import Message
from casa.registry.importing import import_registry, parse
from casa.registry.models import Household, Member
from conftest import FISCAL_CODES

pytestmark = pytest.mark.usefixtures("english")

IBAN = "IT60X0542811101000000123456"
SPOUSE = FISCAL_CODES[3]  # has a tenant account; the head, FISCAL_CODES[1], holds the IBAN


def export(directory, *, members_of):
    """The register as the agency would export it in full: households.csv and members.csv
    (every current membership, with `members_of` overriding a person's household code, or
    leaving them out with None)."""
    directory.mkdir()
    with open(directory / "households.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(parse.HOUSEHOLDS.column_names)
        for household in Household.objects.select_related("unit").order_by("code"):
            writer.writerow([household.code, household.unit.code, household.tenancy_start,
                             household.rent_band, household.isee_erp_eur or "",
                             household.arrears_eur, "no", household.email, household.phone,
                             household.language])
    with open(directory / "members.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(parse.MEMBERS.column_names)
        for member in Member.objects.current().select_related("household"):
            code = members_of.get(member.fiscal_code, member.household.code)
            if code is None:
                continue
            writer.writerow([code, member.fiscal_code, member.first_name, member.last_name,
                             member.birth_date, member.sex, member.relation,
                             member.citizenship])
    return directory


@pytest.fixture
def decided(register, make_user):
    """H002 (autonomous heating: paid by transfer) applied online with an IBAN; the decision
    is a rejection, so the tenant may appeal; the household has a message about it."""
    household = register["households"]["H002"]
    Member.objects.create(household=household, fiscal_code=SPOUSE, first_name="Paola",
                          last_name="Nero", birth_date=dt.date(1992, 4, 10), sex="F",
                          relation="spouse", citizenship="IT")
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(household, isee="12000.00", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=SPOUSE)
    application = application_submit(call=call, household=household, channel="online",
                                     declarations=DECLARATION_CODES, iban=IBAN,
                                     iban_holder=FISCAL_CODES[1], acting_user=tenant)
    decision = application_decide(application=application, approve=False,
                                  note="The charge is not documented.",
                                  acting_user=make_user("benefit_officer"))
    message = Message.objects.filter(household=household, channel="app").latest("pk")
    return {"tenant": tenant, "application": application, "decision": decision,
            "message": message}


def pages(decided):
    code = DEMO_CALL_CODE
    return {
        "home": reverse("portal:my_home"),
        "inbox": reverse("notifications:inbox"),
        "message": reverse("notifications:message_detail", args=[decided["message"].pk]),
        "application": reverse("energy:my_application", args=[code]),
        "receipt": reverse("energy:my_receipt", args=[code]),
        "letter": reverse("energy:decision_letter", args=[decided["decision"].pk]),
        "apply": reverse("energy:apply", args=[code]),
        "appeal": reverse("energy:appeal_new", args=[code]),
        "api me": reverse("api:me"),
    }


def assert_reads_the_household(client, decided):
    url = pages(decided)
    protocol = decided["application"].protocol
    assert "Via Giambellino 140" in client.get(url["home"]).content.decode()
    assert decided["message"].subject in client.get(url["inbox"]).content.decode()
    assert client.get(url["message"]).status_code == 200
    assert protocol in client.get(url["application"]).content.decode()
    receipt = client.get(url["receipt"])
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert client.get(url["letter"]).status_code == 200
    assert client.get(url["apply"]).status_code == 302  # applied already: to the application
    assert client.get(url["appeal"]).status_code == 302
    assert client.get(url["api me"]).json()["household_code"] == "H002"


def assert_reads_nothing_of_h002(client, decided):
    url = pages(decided)
    assert "Via Giambellino 140" not in client.get(url["home"]).content.decode()
    assert decided["message"].subject not in client.get(url["inbox"]).content.decode()
    assert client.get(url["message"]).status_code == 404
    assert decided["application"].protocol not in (
        client.get(url["application"], follow=True).content.decode())
    assert client.get(url["receipt"]).status_code == 404
    assert client.get(url["letter"]).status_code == 404
    assert client.get(url["api me"]).json()["household_code"] != "H002"
    client.post(url["appeal"], {"reason": "Please look again."})
    client.post(url["apply"], {"action": "submit"})
    assert not Appeal.objects.exists()
    assert list(Application.objects.values_list("household__code", flat=True)) == ["H002"]


def test_a_member_ended_by_a_full_import_loses_the_household_on_the_next_request(
        client, decided, tmp_path):
    login(client, decided["tenant"])
    assert_reads_the_household(client, decided)

    result = import_registry(export(tmp_path / "full", members_of={SPOUSE: None}), full=True)

    assert result.ok and result.ended_members == 1
    assert_reads_nothing_of_h002(client, decided)  # same client, same session
    url = pages(decided)
    for name in ("receipt", "apply", "appeal"):
        assert client.get(url[name]).status_code == 404
    assert "We could not find your home yet" in client.get(url["home"]).content.decode()
    assert client.get(url["api me"]).json()["household_code"] is None


def test_a_member_who_moves_out_reads_their_new_household_only(client, decided, tmp_path):
    login(client, decided["tenant"])
    assert_reads_the_household(client, decided)

    result = import_registry(export(tmp_path / "moved", members_of={SPOUSE: "H001"}),
                             full=True)

    assert result.ok and result.moved == 1
    assert_reads_nothing_of_h002(client, decided)
    assert "Via Zamagna 5" in client.get(pages(decided)["home"]).content.decode()
    assert client.get(pages(decided)["api me"]).json()["household_code"] == "H001"


def test_an_ended_tenancy_is_not_read_even_by_its_current_members(client, decided, tmp_path):
    login(client, decided["tenant"])
    Household.objects.filter(code="H002").update(tenancy_end=timezone.localdate())

    assert_reads_nothing_of_h002(client, decided)
