"""One application per household and call: a double click or a retry returns the application
already submitted, and creates nothing twice (no second receipt either)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give, login


def test_a_second_submission_returns_the_same_application(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    give(household, isee="12000.50", charge="900.00", on=today)
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])

    first = application_submit(call=call, household=household, acting_user=tenant,
                               channel="online", declarations=DECLARATION_CODES)
    second = application_submit(call=call, household=household, acting_user=tenant,
                                channel="online", declarations=DECLARATION_CODES)

    assert second.pk == first.pk and second.protocol == first.protocol
    assert Application.objects.count() == 1
    # One receipt: in the app and by e-mail, once each.
    assert sorted(Message.objects.filter(kind="energy.receipt")
                  .values_list("channel", flat=True)) == ["app", "email"]


def test_a_double_click_on_submit_shows_the_one_application(client, register, make_user):
    today = timezone.localdate()
    create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[0]))
    url = reverse("energy:apply", args=[DEMO_CALL_CODE])
    data = {"declarations": DECLARATION_CODES, "action": "submit"}

    client.post(url, data)
    again = client.post(url, data)

    assert again.status_code == 302
    assert again.url == reverse("energy:my_application", args=[DEMO_CALL_CODE])
    assert Application.objects.count() == 1


def test_the_database_refuses_a_second_application_of_a_household(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    first = application_submit(call=call, household=household,
                               acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[0]),
                               channel="online", declarations=DECLARATION_CODES)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            call=call, household=household, protocol="CE-DUPLICATE", submitted_at=timezone.now(),
            submitted_by=first.submitted_by, channel="online", expected_amount_eur=0)
