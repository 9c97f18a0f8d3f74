"""CASA as a SAML 2.0 service provider shaped by AgID's rules (Regole tecniche SPID, Avvisi
SPID), on python3-saml, which signs and verifies with the xmlsec wheel.

python3-saml does the SAML work (signatures, schema, times, audience, InResponseTo); this module
adds what SPID asks beyond it: the metadata's contact and default service (`metadata()`), the
request's Issuer and level (`SpidAuthnRequest`, `login_redirect`). rules.py checks the responses
for what python3-saml does not.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from lxml import etree
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from . import keys

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
SPID_NS = "https://spid.gov.it/saml-extensions"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"

# The levels of assurance; CASA asks for level 2 ("minimum"), and level 3 is as good.
LEVELS = {f"https://www.spid.gov.it/SpidL{n}": n for n in (1, 2, 3)}
REQUIRED_LEVEL = 2
# What CASA asks the identity provider (the metadata's AttributeConsumingService index 0):
# who the person is, and how to reach them (issue 13: messages when there is no e-mail). CIE ID
# asserts only who the person is (the Ministry's "Manuale operativo" attribute set).
ATTRIBUTES = {"spid": ("fiscalNumber", "name", "familyName", "email", "mobilePhone"),
              "cie": ("fiscalNumber", "name", "familyName", "dateOfBirth")}
CIE_NS = "https://www.cartaidentita.interno.gov.it/saml-extensions"


def entity_id(kind="spid"):
    """CASA's entity ID towards SPID's providers, or towards CIE ID: two metadata documents,
    registered with AgID and with the Ministry of the Interior."""
    return settings.CASA_CIE_ENTITY_ID if kind == "cie" else settings.CASA_SPID_ENTITY_ID


def acs_url():
    return f"{settings.SITE_URL}/spid/acs/"


def sls_url():
    return f"{settings.SITE_URL}/spid/sls/"


def request_data(url, *, get=None, post=None):
    """What python3-saml reads of an HTTP request, made from CASA's configured address rather
    than the request's Host, which a proxy may rewrite: a response must have been sent to
    SITE_URL's ACS, as the metadata says."""
    parts = urlsplit(url)
    return {"https": "on" if parts.scheme == "https" else "off", "http_host": parts.netloc,
            "script_name": "", "path_info": parts.path, "get_data": get or {},
            "post_data": post or {}}


def toolkit_settings(idp=None, *, kind="spid", strict=True):
    """python3-saml's settings for CASA with one identity provider (or none: the metadata of
    `kind`)."""
    kind = idp.kind if idp is not None else kind
    key, cert = keys.service_provider()
    organization = settings.CASA_SPID_ORGANIZATION
    config = {
        "strict": strict,
        "debug": False,
        "sp": {
            "entityId": entity_id(kind),
            "assertionConsumerService": {"url": acs_url(), "binding": POST},
            "singleLogoutService": {"url": sls_url(), "binding": REDIRECT},
            "attributeConsumingService": {
                "index": "0",
                "serviceName": organization["service_name"],
                "serviceDescription": organization["service_name"],
                "requestedAttributes": [{"name": name, "isRequired": True}
                                        for name in ATTRIBUTES[kind]],
            },
            "NameIDFormat": TRANSIENT,
            "x509cert": keys.certificate_body(cert),
            "privateKey": key,
        },
        "security": {
            "authnRequestsSigned": True,
            "logoutRequestSigned": True,
            "logoutResponseSigned": True,
            "signMetadata": False,  # metadata() signs after adding SPID's elements
            # SPID: the assertion is signed; the response may be.
            "wantMessagesSigned": False,
            "wantAssertionsSigned": True,
            "wantNameId": True,
            "requestedAuthnContext": [f"https://www.spid.gov.it/SpidL{REQUIRED_LEVEL}"],
            "requestedAuthnContextComparison": "minimum",
            # python3-saml compares levels as an exact set, which would refuse level 3:
            # rules.check_response compares them in order.
            "failOnAuthnContextMismatch": False,
            "signatureAlgorithm": RSA_SHA256,
            "digestAlgorithm": SHA256,
            "rejectDeprecatedAlgorithm": True,
            "allowRepeatAttributeName": False,
        },
        "organization": {"it": {"name": organization["name"],
                                "displayname": organization["name"],
                                "url": organization["url"]}},
    }
    if idp is not None:
        config["idp"] = {
            "entityId": idp.entity_id,
            "singleSignOnService": {"url": idp.sso_url, "binding": REDIRECT},
            "singleLogoutService": {"url": idp.slo_url or idp.sso_url, "binding": REDIRECT},
            "x509certMulti": {"signing": list(idp.certificates)},
        }
    return OneLogin_Saml2_Settings(config, sp_validation_only=idp is None)


class SpidAuthnRequest(OneLogin_Saml2_Authn_Request):
    """python3-saml's request with the Issuer SPID asks for (Format entity, NameQualifier) and
    no AllowCreate in the NameIDPolicy (Regole tecniche, "AuthnRequest")."""

    def __init__(self, settings_, *args, **kwargs):
        super().__init__(settings_, *args, **kwargs)
        issuer = settings_.get_sp_data()["entityId"]
        self._authn_request = re.sub(
            r"<saml:Issuer>", f'<saml:Issuer Format="{ENTITY}" NameQualifier="{issuer}">',
            self._authn_request, count=1)
        self._authn_request = self._authn_request.replace(' AllowCreate="true"', "")


def toolkit(idp, url, *, get=None, post=None):
    auth = OneLogin_Saml2_Auth(request_data(url, get=get, post=post), toolkit_settings(idp))
    auth.authn_request_class = SpidAuthnRequest
    return auth


def login_redirect(idp, relay_state):
    """(the identity provider's address with the signed request, the request's ID)."""
    auth = toolkit(idp, acs_url())
    url = auth.login(return_to=relay_state, force_authn=True, set_nameid_policy=True)
    return url, auth.get_last_request_id()


def metadata(kind="spid"):
    """CASA's metadata for SPID or CIE ID, signed: python3-saml's, with what AgID (or the
    Ministry, for CIE) asks and python3-saml cannot write: the default service at index 0, the
    Italian service name, and the public body's ContactPerson with its IPA code."""
    key, cert = keys.service_provider()
    organization = settings.CASA_SPID_ORGANIZATION
    root = etree.fromstring(toolkit_settings(kind=kind).get_sp_metadata())
    sp = root.find(f"{{{MD}}}SPSSODescriptor")
    acs = sp.find(f"{{{MD}}}AssertionConsumerService")
    acs.set("index", "0")
    acs.set("isDefault", "true")
    for element in sp.iter(f"{{{MD}}}ServiceName", f"{{{MD}}}ServiceDescription"):
        element.set(XML_LANG, "it")
    if kind == "cie":
        # CIE ID: an administrative contact, with the cie: extensions of a public body.
        contact = etree.SubElement(root, f"{{{MD}}}ContactPerson", contactType="administrative")
        extensions = etree.SubElement(contact, f"{{{MD}}}Extensions", nsmap={"cie": CIE_NS})
        etree.SubElement(extensions, f"{{{CIE_NS}}}Public")
        etree.SubElement(extensions, f"{{{CIE_NS}}}IPACode").text = organization["ipa_code"]
        etree.SubElement(extensions, f"{{{CIE_NS}}}Municipality").text = \
            organization["municipality_code"]
        # The Ministry's schema wants the body's name after the extensions.
        etree.SubElement(contact, f"{{{MD}}}Company").text = organization["name"]
    else:
        contact = etree.SubElement(root, f"{{{MD}}}ContactPerson", contactType="other")
        extensions = etree.SubElement(contact, f"{{{MD}}}Extensions", nsmap={"spid": SPID_NS})
        etree.SubElement(extensions, f"{{{SPID_NS}}}IPACode").text = organization["ipa_code"]
        etree.SubElement(extensions, f"{{{SPID_NS}}}Public")
    etree.SubElement(contact, f"{{{MD}}}EmailAddress").text = organization["email"]
    etree.SubElement(contact, f"{{{MD}}}TelephoneNumber").text = organization["phone"]
    return OneLogin_Saml2_Utils.add_sign(etree.tostring(root), key, cert,
                                         sign_algorithm=RSA_SHA256, digest_algorithm=SHA256)
