"""CASA's test identity provider, for tests and the demo (never in production: the settings
refuse CASA_SPID_TEST_IDP without DEBUG, and its URLs are not even routed then).

It plays a SPID identity provider and CIE ID over the real SAML flow: it checks the signature
of CASA's request, lets the person pick a demo tenant's fiscal code (or type one), and posts a
response signed with its own key back to CASA's ACS, as a real identity provider does. Its
metadata is the demo's registry file (`manage.py spid_registry --test-provider`).

The roles are swapped for python3-saml: the test provider is its "service provider" (its key
signs) and CASA is its "identity provider" (CASA's certificate verifies what CASA sent).
"""

import dataclasses
import datetime as dt
import uuid
from html import escape

from django.conf import settings
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from . import keys, saml
from .models import Kind

NAMES = {Kind.SPID: "CASA test SPID provider", Kind.CIE: "CASA test CIE ID provider"}


def entity_id(kind=Kind.SPID):
    return f"{settings.SITE_URL}/spid/test-idp/{kind}/"


def sso_url(kind=Kind.SPID):
    return f"{settings.SITE_URL}/spid/test-idp/{kind}/sso/"


def slo_url(kind=Kind.SPID):
    return f"{settings.SITE_URL}/spid/test-idp/{kind}/slo/"


def registry_xml():
    """SAML metadata of the test providers (SPID and CIE), as AgID's registry would list them."""
    _, cert = keys.test_identity_provider()
    body = keys.certificate_body(cert)
    entities = "".join(f"""
  <md:EntityDescriptor entityID="{escape(entity_id(kind))}">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"
        WantAuthnRequestsSigned="true">
      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
        <ds:X509Certificate>{body}</ds:X509Certificate>
      </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:SingleLogoutService Binding="{saml.REDIRECT}" Location="{escape(slo_url(kind))}"/>
      <md:NameIDFormat>{saml.TRANSIENT}</md:NameIDFormat>
      <md:SingleSignOnService Binding="{saml.REDIRECT}" Location="{escape(sso_url(kind))}"/>
    </md:IDPSSODescriptor>
    <md:Organization>
      <md:OrganizationName xml:lang="it">{NAMES[kind]}</md:OrganizationName>
      <md:OrganizationDisplayName xml:lang="it">{NAMES[kind]}</md:OrganizationDisplayName>
      <md:OrganizationURL xml:lang="it">{escape(settings.SITE_URL)}/</md:OrganizationURL>
    </md:Organization>
  </md:EntityDescriptor>""" for kind in Kind)
    return (f'<md:EntitiesDescriptor xmlns:md="{saml.MD}" '
            f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="CASA test providers">'
            f"{entities}\n</md:EntitiesDescriptor>\n")


def toolkit(kind, url, *, get=None):
    """python3-saml with the roles swapped (see the module's docstring)."""
    key, cert = keys.test_identity_provider()
    _, casa_cert = keys.service_provider()
    config = {
        "strict": True, "debug": False,
        "sp": {"entityId": entity_id(kind),
               "assertionConsumerService": {"url": sso_url(kind), "binding": saml.REDIRECT},
               "singleLogoutService": {"url": slo_url(kind), "binding": saml.REDIRECT},
               "x509cert": keys.certificate_body(cert), "privateKey": key},
        "idp": {"entityId": saml.entity_id(kind),
                "singleSignOnService": {"url": saml.acs_url(), "binding": saml.POST},
                "singleLogoutService": {"url": saml.sls_url(), "binding": saml.REDIRECT},
                "x509cert": keys.certificate_body(casa_cert)},
        "security": {"logoutResponseSigned": True, "logoutRequestSigned": True,
                     "signatureAlgorithm": saml.RSA_SHA256, "digestAlgorithm": saml.SHA256,
                     "wantMessagesSigned": True},
    }
    return OneLogin_Saml2_Auth(saml.request_data(url, get=get),
                               OneLogin_Saml2_Settings(config, sp_validation_only=True))


@dataclasses.dataclass(frozen=True)
class Request:
    id: str
    issue_instant: str
    acs: str


def read_request(kind, get):
    """CASA's AuthnRequest from the query of a redirect, once its signature is checked; None
    when it is missing, unsigned or signed by another key."""
    if "SAMLRequest" not in get or "Signature" not in get:
        return None
    if not toolkit(kind, sso_url(kind), get=get).validate_request_signature(get):
        return None
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(get["SAMLRequest"])
    root = OneLogin_Saml2_XML.to_etree(xml)
    return Request(id=root.get("ID", ""), issue_instant=root.get("IssueInstant", ""),
                   acs=root.get("AssertionConsumerServiceURL") or saml.acs_url())


def _instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclasses.dataclass
class Person:
    fiscal_code: str
    name: str = "Test"
    family_name: str = "Tenant"
    email: str = ""
    mobile_phone: str = ""
    date_of_birth: str = "1980-01-01"


def build_response(kind, request_id, person, *, level=2, now=None, audience=None,
                   recipient=None, destination=None, issuer=None, lifetime=300,
                   sign_assertion=True, sign_response=True, key=None, cert=None):
    """A SPID response to `request_id` asserting `person`, signed by the test provider (or by
    `key`/`cert`). The keyword arguments make the wrong responses the tests need."""
    idp_key, idp_cert = keys.test_identity_provider()
    key, cert = key or idp_key, cert or idp_cert
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    issuer = escape(issuer or entity_id(kind))
    acs = escape(recipient or saml.acs_url())
    until = _instant(now + dt.timedelta(seconds=lifetime))
    values = {"fiscalNumber": f"TINIT-{person.fiscal_code}", "name": person.name,
              "familyName": person.family_name}
    if kind == Kind.CIE:  # CIE ID asserts who the person is, not how to reach them
        values["dateOfBirth"] = person.date_of_birth
    else:
        values.update(email=person.email, mobilePhone=person.mobile_phone)
    attributes = "".join(
        f'<saml:Attribute Name="{name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:'
        f'basic"><saml:AttributeValue xsi:type="xs:string">{escape(value)}</saml:AttributeValue>'
        f"</saml:Attribute>" for name, value in values.items() if value)
    assertion = (
        f'<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_{uuid.uuid4().hex}" '
        f'Version="2.0" IssueInstant="{_instant(now)}">'
        f'<saml:Issuer Format="{saml.ENTITY}">{issuer}</saml:Issuer>'
        f'<saml:Subject><saml:NameID Format="{saml.TRANSIENT}" NameQualifier="{issuer}">'
        f"_{uuid.uuid4().hex}</saml:NameID>"
        f'<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData InResponseTo="{escape(request_id)}" '
        f'NotOnOrAfter="{until}" Recipient="{acs}"/></saml:SubjectConfirmation></saml:Subject>'
        f'<saml:Conditions NotBefore="{_instant(now)}" NotOnOrAfter="{until}">'
        f"<saml:AudienceRestriction><saml:Audience>{escape(audience or saml.entity_id(kind))}"
        f"</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="_{uuid.uuid4().hex}">'
        f"<saml:AuthnContext><saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL{level}"
        f"</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"<saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion>")
    if sign_assertion:
        assertion = _signed(assertion, key, cert)
    response = (
        f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" '
        f'Version="2.0" IssueInstant="{_instant(now)}" '
        f'Destination="{escape(destination or saml.acs_url())}" '
        f'InResponseTo="{escape(request_id)}">'
        f'<saml:Issuer Format="{saml.ENTITY}">{issuer}</saml:Issuer>'
        f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
        f"</samlp:Status>{assertion}</samlp:Response>")
    if sign_response:
        response = _signed(response, key, cert)
    return OneLogin_Saml2_Utils.b64encode(response)


def _signed(xml, key, cert):
    signed = OneLogin_Saml2_Utils.add_sign(xml, key, cert, sign_algorithm=saml.RSA_SHA256,
                                           digest_algorithm=saml.SHA256).decode()
    return signed.split("?>", 1)[-1] if signed.startswith("<?xml") else signed


def logout_response_redirect(kind, get):
    """CASA's logout request checked and answered: the address of CASA's SLS with a signed
    LogoutResponse, or None when the request is not CASA's."""
    auth = toolkit(kind, slo_url(kind), get=get)
    try:
        url = auth.process_slo(keep_local_session=True)
    except Exception:  # noqa: BLE001 (python3-saml raises its own error or lxml's)
        return None
    return None if auth.get_errors() else url
