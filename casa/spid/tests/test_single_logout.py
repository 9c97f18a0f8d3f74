"""Single logout: logging out of CASA after a SPID login also logs out at the identity
provider; an identity provider's logout request ends CASA's session too."""

from urllib.parse import urlsplit

from casa.spid import testidp
from casa.spid.services import ESTABLISHED
from conftest import FISCAL_CODES

from .conftest import log_in_with_spid


def path_and_query(url):
    parts = urlsplit(url)
    return parts.path, dict(part.split("=", 1) for part in parts.query.split("&"))


def get(client, url):
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def test_logging_out_after_spid_logs_out_at_the_provider_too(client, register, providers):
    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/spid/test-idp/spid/slo/"
    assert "_auth_user_id" not in client.session
    # The provider checks CASA's signed request and answers CASA's SLS, signed.
    answered = get(client, response["Location"])
    assert answered.status_code == 302
    assert urlsplit(answered["Location"]).path == "/spid/sls/"
    assert get(client, answered["Location"])["Location"] == "/accounts/login/"


def test_a_password_session_logs_out_at_casa_only(client, make_user):
    user = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client.force_login(user)

    response = client.post("/accounts/logout/")

    assert "/spid/" not in response["Location"]


def providers_logout_request(client, *, key=None):
    """The test provider asks CASA to end the session it opened (HTTP-Redirect)."""
    established = client.session[ESTABLISHED]
    auth = testidp.toolkit("spid", testidp.slo_url("spid"))
    if key is not None:
        auth.get_settings().get_sp_data()["privateKey"] = key
    return auth.logout(name_id=established["name_id"],
                       session_index=established["session_index"],
                       nq=established["name_qualifier"],
                       name_id_format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient")


def test_the_providers_logout_request_ends_the_session(client, register, providers):
    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    response = get(client, providers_logout_request(client))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/spid/test-idp/spid/slo/"
    assert "SAMLResponse=" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_logout_request_signed_by_another_key_is_refused(client, register, providers):
    from casa.spid import keys

    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])
    other_key, _ = keys.self_signed(service_provider=False)

    response = get(client, providers_logout_request(client, key=other_key))

    assert response.status_code == 400
    assert "_auth_user_id" in client.session
