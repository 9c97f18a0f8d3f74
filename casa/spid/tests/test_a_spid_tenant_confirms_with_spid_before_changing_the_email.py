"""A tenant who only logs in with SPID or CIE has no password: before the login e-mail
changes, they confirm who they are with SPID or CIE again (allauth would ask nothing of an
account without a password), and a few minutes later they are asked again."""

import time

import time_machine
from allauth.account import app_settings as allauth_settings

from casa.accounts.models import User
from conftest import FISCAL_CODES

from .conftest import log_in_with_spid, reauthenticate_with_spid

EMAIL_PAGE = "/accounts/email/"
REAUTHENTICATE_PAGE = "/accounts/reauthenticate/?next=%2Faccounts%2Femail%2F"


def spid_tenant(client, providers):
    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])
    assert response.status_code == 302, response
    user = User.objects.get(fiscal_code=FISCAL_CODES[0])
    assert not user.has_usable_password()
    return user


def test_the_email_page_first_asks_to_confirm_with_spid(client, register, providers, settings):
    spid_tenant(client, providers)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words, in English

    response = client.get(EMAIL_PAGE)
    assert response.status_code == 302
    assert response["Location"] == REAUTHENTICATE_PAGE
    posted = client.post(EMAIL_PAGE, {"action_add": "", "email": "new@example.invalid"})
    assert posted["Location"] == REAUTHENTICATE_PAGE

    page = client.get(REAUTHENTICATE_PAGE)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Confirm with SPID or CIE" in html
    assert 'action="/spid/reauthenticate/"' in html
    assert 'name="next" value="/accounts/email/"' in html
    assert 'type="password"' not in html


def test_after_confirming_with_spid_the_email_page_opens_for_a_few_minutes(
        client, register, providers):
    user = spid_tenant(client, providers)

    back = reauthenticate_with_spid(client, FISCAL_CODES[0], EMAIL_PAGE)

    assert back.status_code == 302 and back["Location"] == EMAIL_PAGE
    assert client.get(EMAIL_PAGE).status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk

    later = time.time() + allauth_settings.REAUTHENTICATION_TIMEOUT + 1
    with time_machine.travel(later, tick=False):
        response = client.get(EMAIL_PAGE)
    assert response.status_code == 302 and response["Location"] == REAUTHENTICATE_PAGE


def test_the_spid_button_shows_only_in_a_session_opened_with_spid(client, register,
                                                                  make_user, english):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client.force_login(tenant)

    page = client.get(REAUTHENTICATE_PAGE).content.decode()

    assert 'type="password"' in page
    assert "/spid/reauthenticate/" not in page


def test_a_password_tenant_in_a_spid_session_may_use_either(client, register, providers,
                                                            make_user, english):
    make_user("tenant", fiscal_code=FISCAL_CODES[0])
    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    assert client.get(EMAIL_PAGE).status_code == 200  # allauth asks when the address changes
    page = client.get(REAUTHENTICATE_PAGE).content.decode()

    assert 'type="password"' in page
    assert 'action="/spid/reauthenticate/"' in page


def test_a_first_password_is_set_only_after_confirming_with_spid(client, register, providers):
    """allauth lets an account without a password set one with no question asked: from a
    session left open, a lasting way in. CASA asks for SPID or CIE first."""
    spid_tenant(client, providers)

    response = client.get("/accounts/password/set/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2Fpassword%2Fset%2F"
    refused = client.post("/accounts/password/set/", {"password1": "a-new-pass-4567",
                                                       "password2": "a-new-pass-4567"})
    assert refused.status_code == 302
    assert not User.objects.get(fiscal_code=FISCAL_CODES[0]).has_usable_password()

    reauthenticate_with_spid(client, FISCAL_CODES[0], "/accounts/password/set/")
    assert client.get("/accounts/password/set/").status_code == 200
