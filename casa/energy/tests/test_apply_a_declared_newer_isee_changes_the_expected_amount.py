"""A tenant whose register ISEE is out of range (or missing) declares a newer ISEE corrente:
the rule uses it and the expected amount changes, on the check page and once submitted."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from conftest import FISCAL_CODES

from .backoffice import give, login


def newer_isee(today, value="11000.00"):
    return {"kind": "corrente", "value": value, "dsu_protocol": "INPS-ISEE-2025-00597381W-00",
            "issued_on": today - dt.timedelta(days=3),
            "valid_until": today + dt.timedelta(days=180)}


def test_a_declared_newer_isee_changes_the_expected_amount(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    give(household, isee="18000.00", charge="900.00", on=today)  # above the ceiling
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])

    application = application_submit(call=call, household=household, acting_user=tenant,
                                     channel="online", isee=newer_isee(today),
                                     declarations=DECLARATION_CODES)

    assert application.expected_amount_eur == 450
    assert application.reasons == []
    assert application.isee_kind == "corrente"
    assert application.dsu_protocol == "INPS-ISEE-2025-00597381W-00"
    isee_step = next(step for step in application.trace if step["check"] == "isee_missing")
    assert isee_step["inputs"]["isee"]["value_eur"] == "11000.00"


def test_without_the_newer_isee_the_register_one_is_used(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    give(household, isee="18000.00", charge="900.00", on=today)

    application = application_submit(
        call=call, household=household, channel="online", declarations=DECLARATION_CODES,
        acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    assert application.expected_amount_eur == 0
    assert application.reasons == ["isee_out_of_range"]


def test_the_check_page_shows_the_amount_with_the_declared_isee(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], charge="900.00", on=today)  # no ISEE in the register
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    form = client.get(reverse("energy:apply", args=[DEMO_CALL_CODE])).content.decode()
    assert "We have no ISEE of yours valid today" in form

    isee = newer_isee(today)
    check = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]), {
        "action": "check", "declarations": DECLARATION_CODES, "isee_kind": isee["kind"],
        "isee_value": "11,000.00", "dsu_protocol": isee["dsu_protocol"].lower(),
        "isee_issued_on": isee["issued_on"].isoformat(),
        "isee_valid_until": isee["valid_until"].isoformat()}).content.decode()

    assert "the expected amount is <strong>450.00\N{NO-BREAK SPACE}€</strong>" in check
    assert "DSU protocol INPS-ISEE-2025-00597381W-00" in check
