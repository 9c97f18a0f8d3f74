"""Bad input: a closed window, an invalid IBAN or DSU protocol, an ISEE out of validity,
declarations not accepted. A clear message for each, and nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import timezone

from casa.core.models import AuditEvent
from casa.energy.applying import DECLARATION_CODES, application_submit
from casa.energy.demo import DEMO_CALL_CODE, create_demo_call
from casa.energy.models import Application
from casa.notifications.models import Message
from conftest import FISCAL_CODES

from .backoffice import give, login

NEW_ISEE = {"kind": "corrente", "value": "10000.00", "dsu_protocol": "INPS-ISEE-2025-00597381W-00"}


@pytest.fixture
def setting(register, make_user):
    today = timezone.localdate()
    call = create_demo_call(today=today)
    give(register["households"]["H001"], isee="12000.50", charge="900.00", on=today)
    give(register["households"]["H002"], isee="12000.50", charge="900.00", on=today)
    return call, register["households"], make_user("tenant", fiscal_code=FISCAL_CODES[0]), today


def submit(call, household, user, **kwargs):
    kwargs.setdefault("declarations", DECLARATION_CODES)
    return application_submit(call=call, household=household, acting_user=user,
                              channel="online", **kwargs)


def assert_nothing_saved():
    assert Application.objects.count() == 0
    assert Message.objects.filter(kind="energy.receipt").count() == 0
    assert not AuditEvent.objects.filter(target_type="energy.application").exists()


def test_a_closed_window_is_refused_on_the_server_clock(setting, english):
    call, households, tenant, today = setting
    after = call.closes_at + dt.timedelta(seconds=1)

    with pytest.raises(ValidationError) as error:
        submit(call, households["H001"], tenant, now=after)

    closes = timezone.localtime(call.closes_at)
    assert error.value.message_dict[NON_FIELD_ERRORS] == [
        f"Applications for this call closed on {closes:%d/%m/%Y} at 12:00. You can no longer "
        "apply."]
    assert_nothing_saved()


def test_the_last_second_before_closing_is_still_open(setting):
    call, households, tenant, today = setting
    application = submit(call, households["H001"], tenant,
                         now=call.closes_at - dt.timedelta(seconds=1))
    assert application.pk


def test_an_invalid_iban_is_refused(setting, english):
    call, households, tenant, today = setting

    with pytest.raises(ValidationError) as error:
        submit(call, households["H002"], tenant, iban="IT60X0542811101000000123457")

    assert error.value.message_dict["iban"][0].startswith("This IBAN is not right")
    assert_nothing_saved()


def test_a_bad_dsu_protocol_is_refused(setting, english):
    call, households, tenant, today = setting
    isee = {**NEW_ISEE, "dsu_protocol": "INPS-2025-123", "issued_on": today,
            "valid_until": today + dt.timedelta(days=150)}

    with pytest.raises(ValidationError) as error:
        submit(call, households["H001"], tenant, isee=isee)

    assert error.value.message_dict["dsu_protocol"] == [
        "This is not a DSU protocol number. Copy it from the ISEE certificate, for example "
        "INPS-ISEE-2025-00597381W-00."]
    assert_nothing_saved()


def test_an_isee_no_longer_valid_is_refused(setting, english):
    call, households, tenant, today = setting
    isee = {**NEW_ISEE, "issued_on": today - dt.timedelta(days=200),
            "valid_until": today - dt.timedelta(days=1)}

    with pytest.raises(ValidationError) as error:
        submit(call, households["H001"], tenant, isee=isee)

    expired = today - dt.timedelta(days=1)
    assert error.value.message_dict["isee_valid_until"][0].startswith(
        f"This ISEE expired on {expired:%d/%m/%Y}. You need an ISEE valid on "
        f"{today:%d/%m/%Y}.")
    assert_nothing_saved()


def test_every_declaration_must_be_accepted(setting, english):
    call, households, tenant, today = setting

    with pytest.raises(ValidationError) as error:
        submit(call, households["H001"], tenant, declarations=["truthful", "privacy"])

    assert error.value.message_dict["declarations"] == [
        "To apply you must accept every declaration."]
    assert_nothing_saved()


def test_the_form_shows_each_message_next_to_its_field(client, setting):
    call, households, tenant, today = setting
    login(client, tenant)

    response = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]), {
        "action": "submit", "declarations": ["truthful"], "isee_kind": "corrente",
        "isee_value": "10,000.00", "dsu_protocol": "12345",
        "isee_issued_on": today.isoformat(),
        "isee_valid_until": (today + dt.timedelta(days=150)).isoformat()})

    html = response.content.decode()
    assert response.status_code == 200
    assert "The application was not submitted. Correct what is marked below." in html
    assert "This is not a DSU protocol number" in html
    assert "To apply you must accept every declaration." in html
    assert_nothing_saved()


def test_a_closed_call_page_says_so_and_shows_no_form(client, setting):
    call, households, tenant, today = setting
    call.closes_at = timezone.now() - dt.timedelta(hours=1)
    call.save()
    login(client, tenant)

    html = client.get(reverse("energy:apply", args=[DEMO_CALL_CODE])).content.decode()

    assert "You cannot apply now" in html
    assert 'name="declarations"' not in html
    posted = client.post(reverse("energy:apply", args=[DEMO_CALL_CODE]),
                         {"action": "submit", "declarations": DECLARATION_CODES})
    assert posted.status_code == 200
    assert_nothing_saved()
