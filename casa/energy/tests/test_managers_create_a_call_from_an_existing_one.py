"""A programme manager starts a new season from an existing call, without a code change."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Call

from .backoffice import ON, login


def test_the_form_is_prefilled_with_the_next_season_and_the_same_rules(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))

    response = client.get(reverse("energy:call_new") + f"?from={DEMO_CALL_CODE}")

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["code"] == "energia-2026-27"
    assert form.initial["season"] == "2026-27"
    assert form.initial["title"] == "Contributo energetico 2026-27"
    assert form.initial["valid_from"] == dt.date(2026, 11, 1)
    assert form.initial["eligible_bands"] == ["protezione", "accesso"]
    assert form.initial["isee_max"] == Decimal("15000.00")
    assert form.initial["share"] == Decimal("50")
    assert form.initial["arrears_exclude_without_plan"] == "yes"
    html = response.content.decode()
    assert 'value="energia-2026-27"' in html
    assert "Copied from energia-2025-26" in html


def test_posting_the_prefilled_form_creates_the_new_season_with_its_parameters(client,
                                                                               make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))
    data = {
        "code": "energia-2026-27", "title": "Contributo energetico 2026-27",
        "season": "2026-27", "opens_on": "2026-11-14", "opens_time": "09:00",
        "closes_on": "2026-12-23", "closes_time": "12:00", "budget_eur": "300000.00",
        "valid_from": "2026-11-01", "legal_reference": "Decreto 45/2026",
        "confirm_past": "on",  # 01/11/2026 may already be past when the suite runs
        "eligible_bands": ["protezione", "accesso"], "isee_min": "9360.01",
        "isee_max": "25000", "isee_kinds": ["ordinario", "corrente"],
        "min_tenancy_months": "12", "arrears_exclude_without_plan": "yes", "share": "60",
        "max_amount": "600.00", "allocation_rule": "isee_ascending",
        "four_eyes_above_eur": "450.00", "appeal_days": "45",
    }

    response = client.post(reverse("energy:call_new"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("energy:call_detail", args=["energia-2026-27"])
    call = Call.objects.get(code="energia-2026-27")
    params = call.params_at(dt.date(2026, 11, 20))
    assert params.isee_max == Decimal("25000")
    assert params.share == Decimal("0.6")
    assert params.arrears_exclude_without_plan is True
    assert params.sources["share"].legal_reference == "Decreto 45/2026"
    assert (call.four_eyes_above_eur, call.appeal_days) == (Decimal("450.00"), 45)
    # The window is Italian time: 12:00 in Rome is 11:00 UTC in December.
    assert call.closes_at == dt.datetime(2026, 12, 23, 11, 0, tzinfo=dt.UTC)
    detail = client.get(response["Location"]).content.decode()
    assert "60\N{NO-BREAK SPACE}%" in detail
    assert "from 14/11/2026 09:00 to 23/12/2026 12:00" in detail


def test_only_programme_managers_and_admins_see_the_new_call_button(client, make_user):
    create_demo_call(today=ON)

    login(client, make_user("programme_manager"))
    assert "New call" in client.get(reverse("energy:call_list")).content.decode()
    login(client, make_user("benefit_officer"))
    html = client.get(reverse("energy:call_list")).content.decode()
    assert "New call" not in html
    assert DEMO_CALL_CODE in html
    assert client.get(reverse("energy:call_new")).status_code == 403
