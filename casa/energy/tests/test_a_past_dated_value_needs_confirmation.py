"""A parameter value dated in the past, or before the call's first values, is saved only with an
explicit confirmation, and the page says what it would change."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casa.energy.models import CallParameter

from .backoffice import login
from .fixtures import approve_final, demo_call, household, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def post(client, call, **data):
    url = reverse("energy:parameter_new", args=[call.code]) + "?name=isee_max"
    return client.post(url, {"name": "isee_max", "legal_reference": "DGR 2026/123", **data})


def test_a_past_date_asks_for_confirmation_and_says_what_it_changes(client):
    call = demo_call()  # values in force from 01/11/2025; applications on 20/11/2025
    approve_final(submit(call, household(), by=user("tenant")), officer=user("benefit_officer"))
    submit(call, household(), by=user("tenant"), minutes=5)
    login(client, user("programme_manager"))

    response = post(client, call, value="25000.00", valid_from="2025-11-15")

    assert response.status_code == 200
    message = response.context["form"].errors["confirm_past"][0]
    assert "From 15/11/2025 “maximum ISEE (€, included)” would be 25,000.00" in message
    assert "instead of 15,000.00" in message
    assert "1 decision already taken in that period keeps the value it used" in message
    assert "1 application not decided yet will be decided with it" in message
    assert not CallParameter.objects.filter(valid_from=dt.date(2025, 11, 15)).exists()

    confirmed = post(client, call, value="25000.00", valid_from="2025-11-15",
                     confirm_past="on")
    assert confirmed.status_code == 302
    assert CallParameter.objects.get(name="isee_max", valid_from=dt.date(2025, 11, 15)).value \
        == "25000.00"


def test_a_date_before_the_calls_first_values_says_so(client):
    call = demo_call()
    login(client, user("programme_manager"))
    future_call_start = timezone.localdate() + dt.timedelta(days=400)
    CallParameter.objects.filter(call=call).update(valid_from=future_call_start)

    response = post(client, call, value="25000.00",
                    valid_from=(future_call_start - dt.timedelta(days=10)).isoformat())

    message = response.context["form"].errors["confirm_past"][0]
    assert "before the call's first values" in message


def test_a_future_date_needs_no_confirmation(client):
    call = demo_call()
    login(client, user("programme_manager"))
    later = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert post(client, call, value="25000.00", valid_from=later).status_code == 302
