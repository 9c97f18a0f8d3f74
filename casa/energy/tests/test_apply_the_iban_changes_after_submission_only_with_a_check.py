"""After submission the bank account can change until the contribution is paid: the tenant
confirms with their password (or with SPID/CIE moments before: issue 13,
tests/test_the_iban_changes_after_a_spid_reauthentication.py), the desk records the identity
document it checked; the holder must be a member of the household. The change is audited with
both IBANs masked and the household is told. A wrong password, a desk without a document, a
paid application or a payment on its way change nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casa.accounts import throttle
from casa.core.models import AuditEvent
from casa.energy import payments
from casa.energy.applying import application_change_iban, application_provide_information
from casa.energy.decisions import application_request_information
from casa.energy.ibans import iban_changes
from casa.energy.models import Channel
from casa.notifications.models import Message
from casa.registry.models import Member

from .backoffice import login
from .fixtures import TENANT_IBAN, approve_final, demo_call, desk, household, pay, submit, user

NEW_IBAN = "IT60X0542811101000000123456"
IDENTITY = {"document": "passport", "number": "YA1234567"}
pytestmark = pytest.mark.django_db


@pytest.fixture
def applied():
    """An application of a home with autonomous heating (paid by transfer to TENANT_IBAN, held
    by the head of household), submitted online by the tenant; a second member may hold an
    account too."""
    home = household(heating="autonomous")
    head = home.members.get()
    partner = Member.objects.create(household=home, fiscal_code="PRTNRA85B41F205Z",
                                    first_name="Anna", last_name="Partner",
                                    birth_date=head.birth_date, sex="F", relation="spouse",
                                    citizenship="IT")
    tenant = user("tenant", fiscal_code=head.fiscal_code)
    application = submit(demo_call(), home, by=tenant)
    return application, tenant, partner


def change(application, **kwargs):
    arguments = {"application": application, "iban": NEW_IBAN, **kwargs}
    arguments.setdefault("iban_holder", application.iban_holder_fiscal_code)
    return application_change_iban(**arguments)


def iban_events(application):
    """The review page reads the changes through casa.energy.ibans.iban_changes."""
    return iban_changes(application)


def test_the_tenant_changes_the_iban_with_their_password(client, applied):
    application, tenant, partner = applied
    login(client, tenant)
    url = reverse("energy:my_application", args=[application.call.code])

    page = client.get(url).content.decode()
    assert "The contribution is paid into the account IT42…9012" in page
    assert 'name="bank-password"' in page and 'autocomplete="current-password"' in page
    assert "/spid/reauthenticate/" not in page  # a password session: no SPID button

    response = client.post(url, {"action": "change_iban", "bank-iban": "IT60 X054 2811 1010 "
                                 "0000 0123 456", "bank-iban_holder": partner.fiscal_code,
                                 "bank-password": "test-pass-123"}, follow=True)

    assert "The bank account was changed." in response.content.decode()
    application.refresh_from_db()
    assert application.iban == NEW_IBAN
    assert (application.iban_holder_name, application.iban_holder_fiscal_code) == (
        "Anna Partner", partner.fiscal_code)
    event = iban_events(application).get()
    assert event.actor == tenant
    assert event.changes["iban"] == ["IT42…9012", "IT60…3456"]
    assert event.changes["iban_holder"] == [tenant.fiscal_code, partner.fiscal_code]
    assert event.changes["reauthenticated"] == "password"
    assert NEW_IBAN not in str(event.changes) and TENANT_IBAN not in str(event.changes)
    message = Message.objects.get(kind="energy.iban_changed", channel="app")
    assert "3456" in message.body and "Anna Partner" in message.body


def test_a_wrong_password_changes_nothing(client, applied):
    application, tenant, partner = applied
    login(client, tenant)
    url = reverse("energy:my_application", args=[application.call.code])

    response = client.post(url, {"action": "change_iban", "bank-iban": NEW_IBAN,
                                 "bank-iban_holder": partner.fiscal_code,
                                 "bank-password": "wrong"})

    html = response.content.decode()
    assert "This is not your password: your bank account was not changed." in html
    assert 'id="bank-errors"' in html and "<details class=\"mb-3\" open>" in html
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN
    assert not iban_events(application).exists()
    assert not Message.objects.filter(kind="energy.iban_changed").exists()
    assert AuditEvent.objects.filter(actor=tenant, action="login_failed",
                                     target_id=application.protocol).count() == 1


def test_after_five_wrong_passwords_even_the_right_one_waits(applied, english):
    application, tenant, partner = applied
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            change(application, acting_user=tenant, password="guess")

    with pytest.raises(ValidationError) as refused:
        change(application, acting_user=tenant, password="test-pass-123")

    assert "Too many wrong passwords" in str(refused.value)
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN


def test_wrong_passwords_here_count_with_the_logins_and_the_wait_ends(applied, client,
                                                                     monkeypatch):
    """One limit on an account's wrong passwords (casa/accounts/throttle.py): guesses here
    slow the login down too, and the right password after the wait changes the account."""
    application, tenant, partner = applied
    now = [1_800_000_000.0]
    monkeypatch.setattr(throttle, "now", lambda: now[0])
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            change(application, acting_user=tenant, password="guess")

    client.post(reverse("account_login"), {"login": tenant.email, "password": "test-pass-123"})
    assert "_auth_user_id" not in client.session

    now[0] += 30
    change(application, acting_user=tenant, password="test-pass-123")
    application.refresh_from_db()
    assert application.iban == NEW_IBAN


def test_the_holder_must_be_a_member_of_the_household(applied):
    application, tenant, partner = applied
    stranger = household().members.get()

    with pytest.raises(ValidationError) as refused:
        change(application, acting_user=tenant, password="test-pass-123",
               iban_holder=stranger.fiscal_code)

    assert "iban_holder" in refused.value.message_dict
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN


def test_the_desk_records_the_identity_document_it_checked(applied):
    application, tenant, partner = applied
    staff = desk()

    with pytest.raises(ValidationError) as refused:
        change(application, acting_user=staff)
    assert set(refused.value.message_dict) == {"identity_document", "identity_document_number"}
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN

    change(application, acting_user=staff, identity=IDENTITY)

    application.refresh_from_db()
    assert application.iban == NEW_IBAN
    event = iban_events(application).get()
    assert event.actor == staff
    assert event.changes["identity_document"] == [None, "passport"]
    assert event.changes["identity_document_number"] == [None, "YA1234567"]
    assert event.changes["on_behalf_of"] == application.household.code
    assert "reauthenticated" not in event.changes


def test_the_desk_changes_it_from_the_households_page(client, applied):
    application, tenant, partner = applied
    officer = user("benefit_officer")
    login(client, officer)
    url = reverse("energy:assisted_application",
                  args=[application.call.code, application.household.code])

    page = client.get(url).content.decode()
    assert 'name="bank-identity_document"' in page and 'name="bank-password"' not in page
    refused = client.post(url, {"action": "change_iban", "bank-iban": NEW_IBAN,
                                "bank-iban_holder": partner.fiscal_code})
    assert "Choose the document you checked." in refused.content.decode()
    client.post(url, {"action": "change_iban", "bank-iban": NEW_IBAN,
                      "bank-iban_holder": partner.fiscal_code,
                      "bank-identity_document": "identity_card",
                      "bank-identity_document_number": "CA 00000 AA"})

    application.refresh_from_db()
    assert application.iban == NEW_IBAN
    assert iban_events(application).get().changes["identity_document_number"] == [
        None, "CA00000AA"]


def test_a_paid_application_refuses_the_change(client, applied, english):
    application, tenant, partner = applied
    officer = user("benefit_officer")
    approve_final(application, officer=officer)
    pay(application.call, officer=officer)
    application.refresh_from_db()
    assert application.status == "paid"

    with pytest.raises(ValidationError) as refused:
        change(application, acting_user=tenant, password="test-pass-123")

    assert "you can no longer change the IBAN" in str(refused.value)
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN
    login(client, tenant)
    page = client.get(reverse("energy:my_application", args=[application.call.code]))
    html = page.content.decode()
    assert "the account can no longer be changed" in html
    assert 'name="bank-iban"' not in html


def test_a_payment_on_its_way_blocks_the_change(applied):
    application, tenant, partner = applied
    officer = user("benefit_officer")
    approve_final(application, officer=officer)
    payments.payment_run(call=application.call, acting_user=officer)  # sent, not confirmed

    with pytest.raises(ValidationError):
        change(application, acting_user=desk(), identity=IDENTITY)

    application.refresh_from_db()
    assert application.iban == TENANT_IBAN


def test_an_answer_cannot_change_an_iban_on_file(applied, english):
    application, tenant, partner = applied
    application_request_information(application=application, message="Send your ISEE.",
                                    acting_user=user("benefit_officer"))

    with pytest.raises(ValidationError) as refused:
        application_provide_information(application=application, acting_user=tenant,
                                        iban=NEW_IBAN, iban_holder=partner.fiscal_code)

    assert "use “Change the bank account”" in refused.value.message_dict["iban"][0]
    application.refresh_from_db()
    assert application.iban == TENANT_IBAN
    assert application.channel == Channel.ONLINE

