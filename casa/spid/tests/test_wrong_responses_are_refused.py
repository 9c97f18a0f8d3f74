"""Every response that is not a fresh, signed answer to this session's own request, for CASA,
from the provider asked, at level 2 or higher, is refused: no login, a page in the person's
language, and an event in the audit trail. Each case is a response the test identity provider
signs as a real one, with one thing wrong."""

import datetime as dt

import pytest

from casa.core.models import AuditEvent
from casa.spid import keys, testidp
from casa.spid.models import SpentAssertion
from casa.spid.services import PENDING
from conftest import FISCAL_CODES

from .conftest import post_to_acs, start_login

PERSON = testidp.Person(fiscal_code=FISCAL_CODES[0], name="Mario", family_name="Rossi")


def answer(client, providers, **wrong):
    started = start_login(client, providers["spid"])
    response = testidp.build_response("spid", started.request_id, PERSON, **wrong)
    return post_to_acs(client, response, started.relay_state)


def assert_refused(client, response):
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed").exists()


def test_the_right_response_logs_in(client, register, providers):
    response = answer(client, providers)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.fixture(scope="module")
def other_key():
    return keys.self_signed(service_provider=False)


@pytest.mark.parametrize("wrong", [
    {"level": 1},
    {"audience": "https://another-service.example.org/"},
    {"recipient": "https://another-service.example.org/acs/"},
    {"destination": "https://another-service.example.org/acs/"},
    {"issuer": "https://another-idp.example.org/"},
    {"sign_assertion": False},
    {"sign_assertion": False, "sign_response": False},
    {"now": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20)},
    {"now": dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)},
], ids=["level-1", "audience", "recipient", "destination", "issuer", "assertion-unsigned",
        "unsigned", "expired", "future"])
def test_a_wrong_response_is_refused(client, register, providers, wrong):
    assert_refused(client, answer(client, providers, **wrong))


def test_a_response_signed_with_another_key_is_refused(client, register, providers, other_key):
    key, cert = other_key

    assert_refused(client, answer(client, providers, key=key, cert=cert))


def test_level_3_is_as_good_as_level_2(client, register, providers):
    response = answer(client, providers, level=3)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_response_is_read_once(client, register, providers):
    started = start_login(client, providers["spid"])
    response = testidp.build_response("spid", started.request_id, PERSON)
    assert post_to_acs(client, response).status_code == 302
    client.logout()

    assert_refused(client, post_to_acs(client, response))


def test_a_request_gets_one_answer_even_a_refused_one(client, register, providers):
    started = start_login(client, providers["spid"])
    wrong = testidp.build_response("spid", started.request_id, PERSON, level=1)
    assert_refused(client, post_to_acs(client, wrong))
    right = testidp.build_response("spid", started.request_id, PERSON)

    assert_refused(client, post_to_acs(client, right))


def test_a_response_to_another_browsers_request_is_refused(client, register, providers):
    from django.test import Client

    started = start_login(client, providers["spid"])
    response = testidp.build_response("spid", started.request_id, PERSON)

    other = Client()
    assert_refused(other, post_to_acs(other, response))


def test_an_assertion_is_spent_even_if_the_request_were_pending_again(client, register,
                                                                      providers):
    """The second guard: an assertion accepted once is refused forever, whatever the session
    holds (SpentAssertion)."""
    started = start_login(client, providers["spid"])
    response = testidp.build_response("spid", started.request_id, PERSON)
    pending = dict(client.session[PENDING])
    assert post_to_acs(client, response).status_code == 302
    client.logout()
    session = client.session
    session[PENDING] = pending
    session.save()

    assert_refused(client, post_to_acs(client, response))
    assert SpentAssertion.objects.count() == 1


def test_a_provider_turned_off_after_the_request_is_refused(client, register, providers):
    started = start_login(client, providers["spid"])
    providers["spid"].active = False
    providers["spid"].save()
    response = testidp.build_response("spid", started.request_id, PERSON)

    assert_refused(client, post_to_acs(client, response))


def test_a_request_expires_after_ten_minutes(client, register, providers):
    started = start_login(client, providers["spid"])
    session = client.session
    asked = session[PENDING][started.request_id]
    asked["at"] = (dt.datetime.fromisoformat(asked["at"]) - dt.timedelta(minutes=11)).isoformat()
    session.save()
    response = testidp.build_response("spid", started.request_id, PERSON)

    assert_refused(client, post_to_acs(client, response))


def test_garbage_is_refused_with_a_page(client, register, providers):
    start_login(client, providers["spid"])

    assert_refused(client, post_to_acs(client, "bm90IFhNTA=="))


def test_the_refusal_page_speaks_the_persons_language(client, register, providers):
    client.cookies["django_language"] = "en"

    response = answer(client, providers, level=1)

    assert response.status_code == 403
    assert b"Login not completed" in response.content


def test_a_flood_of_logins_from_one_address_is_slowed(client, register, providers, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "spid": "3/m/ip"}
    for _ in range(3):
        assert client.get("/spid/login/", {"idp": providers["spid"].pk}).status_code == 302

    assert client.get("/spid/login/", {"idp": providers["spid"].pk}).status_code == 429
    assert client.post("/spid/acs/", {"SAMLResponse": "eA=="}).status_code == 429
