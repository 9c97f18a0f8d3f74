"""Wrong values in the call forms: a message next to each field, nothing saved."""

from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Call, CallParameter

from .backoffice import ON, login

GOOD = {
    "code": "energia-2026-27", "title": "Contributo energetico 2026-27",
    "season": "2026-27", "opens_on": "2026-11-14", "opens_time": "09:00",
    "closes_on": "2026-12-23", "closes_time": "12:00", "budget_eur": "300000.00",
    "valid_from": "2026-11-01", "legal_reference": "Decreto 45/2026",
    "confirm_past": "on",  # 01/11/2026 may already be past when the suite runs
    "eligible_bands": ["protezione", "accesso"], "isee_min": "9360.01",
    "isee_max": "15000.00", "isee_kinds": ["ordinario"], "min_tenancy_months": "12",
    "arrears_exclude_without_plan": "yes", "share": "50", "max_amount": "600.00",
    "allocation_rule": "isee_ascending", "four_eyes_above_eur": "300.00", "appeal_days": "30",
}


def post(client, **changes):
    data = {**GOOD, **changes}
    for name, value in changes.items():
        if value is None:
            del data[name]
    return client.post(reverse("energy:call_new"), data)


def counts():
    return Call.objects.count(), CallParameter.objects.count(), AuditEvent.objects.count()


def test_each_wrong_field_gets_its_own_message_and_nothing_is_saved(client, make_user):
    login(client, make_user("programme_manager"))
    before = counts()

    response = post(client, season="2026", closes_on="2026-11-01", eligible_bands=None,
                    share="0", budget_eur="lots", allocation_rule="whoever")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["season"] == ["Write the season as 2025-26."]
    assert errors["closes_on"] == ["The window must close after it opens."]
    assert errors["eligible_bands"] == ["Choose at least one rent band."]
    assert errors["share"] == ["The share must be above 0 % and at most 100 %."]
    assert errors["budget_eur"] == ["We cannot read “lots” as an amount in euro. Write "
                                    "digits only, for example 12000.50."]
    assert "allocation_rule" in errors
    html = response.content.decode()
    assert "The call was not saved. Correct the fields marked below." in html
    assert 'aria-invalid="true"' in html
    assert counts() == before


def test_the_services_messages_are_shown_next_to_the_fields(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("admin"))
    before = counts()

    response = post(client, code=DEMO_CALL_CODE, season="2026-28", isee_min="20000")

    errors = response.context["form"].errors
    assert errors["code"] == ["A call with this code already exists."]
    assert errors["season"] == ["Write the season as 2025-26."]
    assert counts() == before
    # The service checks the ISEE range after writing the rows: the call is rolled back.
    response = post(client, isee_min="20000")
    assert response.context["form"].errors["isee_min"] == [
        "The minimum ISEE is above the maximum."]
    assert counts() == before


def test_amounts_typed_the_italian_way_are_understood(client, make_user):
    login(client, make_user("programme_manager"), language="it")

    response = post(client, budget_eur="300.000,00", isee_min="9.360,01", isee_max="15000,00",
                    max_amount="600,00", share="50,5", code="energia-2026-27-bis")

    assert response.status_code == 302
    call = Call.objects.get(code="energia-2026-27-bis")
    assert str(call.budget_eur) == "300000.00"
    params = call.params_at(call.opens_at.date())
    assert (str(params.share), str(params.isee_min)) == ("0.505", "9360.01")


def test_a_bad_dated_value_shows_its_message_and_saves_nothing(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))
    url = reverse("energy:parameter_new", args=[DEMO_CALL_CODE]) + "?name=isee_max"
    before = counts()

    response = client.post(url, {"name": "isee_max", "value": "9000.00",
                                 "valid_from": "2099-01-01", "legal_reference": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["value"] == ["The maximum ISEE is below the minimum."]
    assert counts() == before
    response = client.post(url, {"name": "isee_max", "value": "-1", "valid_from": "",
                                 "legal_reference": ""})
    errors = response.context["form"].errors
    assert set(errors) == {"value", "valid_from", "legal_reference"}
    assert counts() == before
