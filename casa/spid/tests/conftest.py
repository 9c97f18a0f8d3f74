"""The SAML flow as a browser walks it, with the test client: CASA's login button, the test
identity provider's page, its signed answer posted to CASA's ACS, the hand-over to the session."""

import dataclasses
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command


@pytest.fixture
def providers(db):
    """The registry read from the test providers' metadata file, as the demo reads it."""
    from casa.spid.models import IdentityProvider, Kind

    call_command("spid_registry", "--test-providers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {kind: IdentityProvider.objects.get(kind=kind, test=True) for kind in Kind}


@dataclasses.dataclass
class Started:
    request_id: str
    relay_state: str
    redirect: str


def start_login(client, idp, next_url=""):
    """CASA's login button pressed: the request CASA sent to the identity provider."""
    data = {"idp": idp.pk}
    if next_url:
        data["next"] = next_url
    response = client.post("/spid/login/", data)
    assert response.status_code == 302, response
    from onelogin.saml2.utils import OneLogin_Saml2_Utils
    from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

    query = parse_qs(urlsplit(response["Location"]).query)
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"][0])
    root = OneLogin_Saml2_XML.to_etree(xml)
    return Started(request_id=root.get("ID"), relay_state=query["RelayState"][0],
                   redirect=response["Location"])


def post_to_acs(client, saml_response, relay_state=""):
    """The identity provider's answer posted to CASA, and the browser's return for it."""
    handed = client.post("/spid/acs/", {"SAMLResponse": saml_response,
                                        "RelayState": relay_state})
    assert handed.status_code == 302, handed
    return client.get(handed["Location"])


def log_in_with_spid(client, idp, fiscal_code, **person):
    """The whole journey through the test provider's pages, as the demo walks it."""
    started = start_login(client, idp)
    return through_test_provider(client, started.redirect, fiscal_code, **person)


def reauthenticate_with_spid(client, fiscal_code, next_url, **person):
    """A "Confirm with SPID or CIE" button pressed (spid:reauthenticate), the test provider's
    login done again, and its answer back at CASA: the redirect to `next_url`."""
    response = client.post("/spid/reauthenticate/", {"next": next_url})
    assert response.status_code == 302, response
    return through_test_provider(client, response["Location"], fiscal_code, **person)


def through_test_provider(client, redirect, fiscal_code, **person):
    """The test provider's page for CASA's request, filled in, and its answer posted back."""
    url = urlsplit(redirect)
    page = client.get(url.path, {key: value[0] for key, value in parse_qs(url.query).items()})
    assert page.status_code == 200, page
    form = page.context["form"]
    answer = client.post(url.path, {**form.initial, "fiscal_code": fiscal_code, "level": 2,
                                    **person})
    assert answer.status_code == 200, answer.content[:2000]
    return post_to_acs(client, answer.context["response"], answer.context["relay_state"])
