"""The what-if page: a form prefilled with the call's values, a shareable GET that runs the
simulation, results side by side, clear errors, and only for programme managers and admins."""

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from casa.accounts.models import Role
from casa.core.models import AuditEvent
from casa.energy.demo import create_demo_call
from casa.energy.tests.backoffice import ON, eligible_register, login

URL = reverse("energy:what_if", kwargs={"code": "energia-2025-26"})
CALL_AS_IT_IS = {
    "as_of": ON.isoformat(), "isee_min": "9360.01", "isee_max": "15000.00", "share": "50",
    "max_amount": "600.00", "eligible_bands": ["protezione", "accesso"],
    "min_tenancy_months": "12", "arrears_exclude_without_plan": "yes",
    "isee_kinds": ["ordinario", "corrente"],
}


@pytest.fixture
def manager(client, register, make_user):
    create_demo_call(today=ON, budget_eur=Decimal("1000.00"))
    eligible_register(register)  # H001 600.00 (capped) and H002 400.00 eligible
    return login(client, make_user("programme_manager"))


def test_the_form_is_prefilled_with_the_call_values_and_runs_nothing(manager):
    response = manager.get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["isee_max"] == Decimal("15000.00")
    assert form.initial["share"] == Decimal("50")
    assert response.context["simulation"] is None
    assert not AuditEvent.objects.filter(action="view").exists()


def test_a_link_with_the_values_shows_both_scenarios_side_by_side(manager):
    response = manager.get(URL, {**CALL_AS_IT_IS, "share": "60", "isee_max": "25000"})

    assert response.status_code == 200
    simulation = response.context["simulation"]
    assert simulation.total.current.amount == Decimal("1000.00")
    assert simulation.total.simulated.amount == Decimal("1080.00")  # 600.00 + 480.00
    page = response.content.decode()
    assert "<caption>By Spazio CASA</caption>" in page
    assert "<caption>By rent band</caption>" in page
    assert '<th scope="row">San Siro</th>' in page
    assert "1,080.00" in page and "+80.00" in page
    # Over the budget of 1,000.00 by 80.00: said clearly.
    assert 'id="simulated-overspent"' in page and "80.00\N{NO-BREAK SPACE}€ more" in page


def test_in_italian_the_inputs_show_the_call_values_as_italian_writes_them(manager):
    manager.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"

    page = manager.get(URL).content.decode()

    values = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', page))
    assert values == {"isee_min": "9.360,01", "isee_max": "15.000,00", "share": "50,00",
                      "max_amount": "600,00"}
    assert "9360.01" not in page and "15000.00" not in page


def test_running_a_simulation_is_recorded_in_the_audit_trail(manager):
    manager.get(URL, {**CALL_AS_IT_IS, "isee_max": "25000"})

    event = AuditEvent.objects.get(action="view", target_type="energy.call")
    assert event.target_id == "energia-2025-26"
    assert event.changes == {"isee_max": ["15000.00", "25000.00"]}


def test_the_new_call_button_carries_the_simulated_values(manager):
    response = manager.get(URL, {**CALL_AS_IT_IS, "share": "60"})

    link = urlsplit(response.context["new_call_url"])
    assert link.path == reverse("energy:call_new")
    query = parse_qs(link.query)
    assert query["from"] == ["energia-2025-26"]
    assert query["share"] == ["60"]
    assert query["isee_max"] == ["15000.00"]
    assert query["eligible_bands"] == ["protezione", "accesso"]
    assert query["arrears_exclude_without_plan"] == ["yes"]
    assert query["allocation_rule"] == ["isee_ascending"]
    assert 'id="new-call-link"' in response.content.decode()


def test_the_new_call_form_opens_with_the_simulated_values(manager):
    simulation = manager.get(URL, {**CALL_AS_IT_IS, "share": "60", "isee_max": "25000",
                                   "eligible_bands": ["protezione"]})

    response = manager.get(simulation.context["new_call_url"])

    initial = response.context["form"].initial
    assert initial["share"] == "60"
    assert initial["isee_max"] == "25000.00"
    assert initial["eligible_bands"] == ["protezione"]
    assert initial["season"] == "2026-27"


def test_a_minimum_isee_above_the_maximum_is_an_error_next_to_the_fields(manager):
    response = manager.get(URL, {**CALL_AS_IT_IS, "isee_min": "20000", "isee_max": "15000"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["isee_min"] == ["The minimum ISEE is above the maximum."]
    assert form.errors["isee_max"] == ["The maximum ISEE is below the minimum."]
    assert response.context["simulation"] is None
    page = response.content.decode()
    assert 'id="id_isee_min-error"' in page and 'aria-invalid="true"' in page
    assert 'id="whatif-results"' not in page


def test_a_share_over_100_percent_is_an_error(manager):
    response = manager.get(URL, {**CALL_AS_IT_IS, "share": "120"})

    assert response.context["form"].errors["share"] == [
        "The share must be above 0 % and at most 100 %."]
    assert response.context["simulation"] is None


def test_a_date_with_no_values_in_force_is_an_error_not_a_crash(manager):
    response = manager.get(URL, {**CALL_AS_IT_IS, "as_of": "2025-10-01"})

    assert response.status_code == 200
    assert "no value in force" in response.context["form"].errors["as_of"][0]


@pytest.mark.parametrize("role", Role.values)
def test_only_programme_managers_and_admins_can_open_it(client, db, make_user, role):
    create_demo_call(today=ON)
    login(client, make_user(role))

    response = client.get(URL, CALL_AS_IT_IS)

    assert response.status_code == (200 if role in ("programme_manager", "admin") else 403)


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    create_demo_call(today=ON)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
