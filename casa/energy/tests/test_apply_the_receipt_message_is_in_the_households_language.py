"""The receipt goes to the outbox in the same transaction, in the household's language."""

from django.utils import timezone

from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import create_demo_call
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give


def apply(register, make_user, language):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    household = register["households"]["H001"]
    household.language = language
    household.save()
    give(household, isee="12000.50", charge="900.00", on=today)
    return application_submit(call=call, household=household, channel="online",
                              declarations=DECLARATION_CODES,
                              acting_user=make_user("tenant", fiscal_code=FISCAL_CODES[0]))


def test_the_receipt_message_goes_to_the_outbox_in_english(register, make_user):
    application = apply(register, make_user, "en")

    message = Message.objects.get(kind="energy.receipt", channel="app")
    assert message.language == "en"
    assert message.subject == (
        f"Energy contribution: application received, protocol {application.protocol}")
    assert "the expected amount is 450.00\N{NO-BREAK SPACE}€" in message.body
    assert "This is not the decision yet" in message.body
    assert message.link.endswith("/energy/energia-2025-26/application/")
    assert Message.objects.get(kind="energy.receipt", channel="email").address == \
        "h001@example.invalid"


def test_the_receipt_message_is_in_italian_for_an_italian_household(register, make_user):
    application = apply(register, make_user, "it")

    message = Message.objects.get(kind="energy.receipt", channel="app")
    assert message.language == "it"
    assert application.protocol in message.subject
