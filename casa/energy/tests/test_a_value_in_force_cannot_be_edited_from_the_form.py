"""The "Add a dated value" form: values in force stay as they are; changes get a later date."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import CallParameter

from .backoffice import ON, login


def url():
    return reverse("energy:parameter_new", args=[DEMO_CALL_CODE])


def test_a_value_already_in_force_is_refused_and_left_unchanged(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))

    response = client.post(url(), {"name": "isee_max", "value": "25000.00",
                                   "valid_from": "2025-11-01", "legal_reference": "DGR 123"})

    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"] == [
        "This value is already in force and may have been used in decisions: add a new value "
        "from a later date instead."]
    values = CallParameter.objects.filter(name="isee_max").values_list("valid_from", "value")
    assert list(values) == [(dt.date(2025, 11, 1), "15000.00")]


def test_a_new_value_from_a_later_date_is_added_to_the_history(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(url(), {"name": "isee_max", "value": "25000",
                                   "valid_from": tomorrow.isoformat(),
                                   "legal_reference": "DGR Lombardia 23/02/2026"})

    assert response.status_code == 302
    detail = client.get(reverse("energy:call_detail", args=[DEMO_CALL_CODE])).content.decode()
    assert "25,000.00\N{NO-BREAK SPACE}€" in detail
    assert "DGR Lombardia 23/02/2026" in detail
    assert f"{tomorrow:%d/%m/%Y}" in detail
    # Still the old value today: the new one is marked as future.
    params = CallParameter.objects.filter(name="isee_max").order_by("valid_from")
    assert [p.value for p in params] == ["15000.00", "25000.00"]


def test_a_future_value_can_be_replaced_before_it_comes_into_force(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("admin"))
    later = (timezone.localdate() + dt.timedelta(days=30)).isoformat()

    for value in ("70", "60"):
        response = client.post(url(), {"name": "share", "value": value, "valid_from": later,
                                       "legal_reference": "Decreto"})
        assert response.status_code == 302

    assert list(CallParameter.objects.filter(name="share").values_list("value", flat=True)) == [
        "0.5", "0.6"]


def test_list_parameters_are_chosen_with_checkboxes(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))

    html = client.get(url() + "?name=eligible_bands").content.decode()

    assert html.count('type="checkbox" name="value"') == 4
    assert "<legend" in html


def test_without_a_parameter_the_page_asks_which_rule_changes(client, make_user):
    create_demo_call(today=ON)
    login(client, make_user("programme_manager"))

    html = client.get(url()).content.decode()

    assert "Which rule changes?" in html
    assert '?name=allocation_rule"' in html
