"""Bill credits exist only for central heating: with autonomous heating the contribution is paid
by bank transfer, so the IBAN is required there, and only there."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from conftest import FISCAL_CODES

from .backoffice import give, login


@pytest.fixture
def call(register):
    today = timezone.localdate()
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)  # central
    give(register["households"]["H002"], isee="10000.00", charge="800.00", on=today)  # autonomous
    return create_demo_call(today=today)


def submit(call, household, user, **kwargs):
    return application_submit(call=call, household=household, acting_user=user,
                              channel="online", declarations=DECLARATION_CODES, **kwargs)


def test_autonomous_heating_without_an_iban_is_refused(call, register, make_user, english):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])

    with pytest.raises(ValidationError) as error:
        submit(call, register["households"]["H002"], tenant)

    assert error.value.message_dict["iban"] == [
        "Your home has its own heating. So we pay the contribution by bank transfer, and we "
        "need the IBAN of your account."]
    assert not Application.objects.exists()


def test_autonomous_heating_with_an_iban_stores_it_compact_and_uppercase(call, register,
                                                                        make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])

    application = submit(call, register["households"]["H002"], tenant,
                         iban="it60 x054 2811 1010 0000 0123 456",
                         iban_holder=FISCAL_CODES[1].lower())

    assert application.iban == "IT60X0542811101000000123456"
    assert (application.iban_holder_fiscal_code, application.iban_holder_name) == (
        FISCAL_CODES[1], "Mario Bianchi")
    assert application.expected_amount_eur == 400


def test_central_heating_needs_no_iban(call, register, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])

    application = submit(call, register["households"]["H001"], tenant)

    assert application.iban == ""


def test_the_form_asks_for_the_iban_only_with_autonomous_heating(client, call, make_user):
    login(client, make_user("tenant", fiscal_code=FISCAL_CODES[1]))

    html = client.get(reverse("energy:apply", args=[DEMO_CALL_CODE])).content.decode()

    assert 'name="iban"' in html
    assert "Your home has its own heating" in html


def test_the_account_must_belong_to_a_member_of_the_household(call, register, make_user,
                                                              english):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[1])

    for holder in ("", FISCAL_CODES[0]):  # nobody, or a member of another household
        with pytest.raises(ValidationError) as error:
            submit(call, register["households"]["H002"], tenant,
                   iban="IT60X0542811101000000123456", iban_holder=holder)
        assert "person in your household who holds the account" in (
            error.value.message_dict["iban_holder"][0])
    assert not Application.objects.exists()
