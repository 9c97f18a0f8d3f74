"""On the energy forms, switching language keeps what was typed: the tenant's application (an
ISEE typed the Italian way comes back as the same amount in English) and the programme
manager's new dated value."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casa.core.tests.test_switching_language_keeps_what_was_typed import (
    input_value,
    language_button,
)
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from conftest import FISCAL_CODES

from .backoffice import give

pytestmark = pytest.mark.django_db


def browser_for(user, language="it"):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def switch(client, url, data, language="en"):
    page = client.get(url).content.decode()
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    switched = client.post(language_button(page, language),
                           {**data, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    return client.get(switched["Location"]).content.decode()


def test_the_apply_form_keeps_the_typed_isee_across_the_language_switch(register, make_user):
    create_demo_call(today=timezone.localdate())
    give(register["households"]["H001"], isee="12000.00", charge="900.00",
         on=timezone.localdate())
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client = browser_for(tenant)

    page = switch(client, reverse("energy:apply", args=[DEMO_CALL_CODE]),
                  {"isee_value": "12.000,50", "dsu_protocol": "INPS-ISEE-2025-00597381W-00",
                   "declarations": ["truthful"]})

    assert '<html lang="en" dir="ltr">' in page
    assert input_value(page, "isee_value") == "12,000.50"
    assert input_value(page, "dsu_protocol") == "INPS-ISEE-2025-00597381W-00"


def test_a_new_dated_value_keeps_what_the_manager_typed(register, make_user):
    create_demo_call(today=timezone.localdate())
    client = browser_for(make_user("programme_manager"))
    url = reverse("energy:parameter_new", args=[DEMO_CALL_CODE]) + "?name=isee_max"

    page = switch(client, url, {"name": "isee_max", "value": "25.000",
                                "legal_reference": "DGR XII/1234"})

    assert '<html lang="en" dir="ltr">' in page
    assert input_value(page, "value") == "25,000.00"
    assert input_value(page, "legal_reference") == "DGR XII/1234"
