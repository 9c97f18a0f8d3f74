"""Without an e-mail, neither the household's nor the account's (a tenant whose SPID/CIE
identity gave none), a message goes to the app and by SMS, to the household's phone in the
register, else the account's mobile number, even when SMS was not asked for. With an e-mail,
nothing changes: the app and the e-mail."""

from casa.accounts.models import Role, User
from casa.notifications.models import Channel
from casa.notifications.services import choose_channels
from conftest import FISCAL_CODES


def sent(messages):
    return [(m.channel, m.address) for m in messages]


def test_a_household_without_e_mail_gets_the_app_and_an_sms(household, invite):
    household.email, household.phone = "", "+39 02 1234 5678"

    assert sent(invite(household)) == [(Channel.APP, ""), (Channel.SMS, "+39 02 1234 5678")]


def test_with_an_e_mail_the_app_and_the_e_mail_as_before(household, invite):
    household.phone = "+39 02 1234 5678"

    assert sent(invite(household)) == [(Channel.APP, ""),
                                       (Channel.EMAIL, "h001@example.invalid")]


def test_an_account_without_e_mail_gets_an_sms_at_its_mobile_number(db, invite):
    tenant = User.objects.create_user(email=None, fiscal_code=FISCAL_CODES[0],
                                      role=Role.TENANT, mobile_phone="+39 333 123 4567")

    assert sent(invite(None, user=tenant)) == [(Channel.APP, ""),
                                               (Channel.SMS, "+39 333 123 4567")]


def test_the_households_phone_comes_before_the_accounts_mobile(household, db):
    household.email, household.phone = "", "+39 02 1234 5678"
    tenant = User(email=None, fiscal_code=FISCAL_CODES[0], mobile_phone="+39 333 123 4567")

    assert choose_channels(household=household, user=tenant) == [
        (Channel.APP, ""), (Channel.SMS, "+39 02 1234 5678")]


def test_without_e_mail_nor_phone_the_app_only(household, invite):
    household.email = household.phone = ""

    assert sent(invite(household)) == [(Channel.APP, "")]


def test_a_message_asked_for_the_app_only_stays_in_the_app(household):
    household.email, household.phone = "", "+39 02 1234 5678"

    assert choose_channels(household=household, channels=[Channel.APP]) == [(Channel.APP, "")]
