"""CASA's two metadata documents, signed, with what AgID and CIE ID ask beyond SAML (spid-sp-test
checks them in full: `make spid-test`); and a login with CIE ID, on the same SAML path."""

from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from casa.accounts.models import User
from casa.spid import keys, saml
from conftest import FISCAL_CODES

from .conftest import log_in_with_spid

MD = {"md": saml.MD, "spid": saml.SPID_NS, "cie": saml.CIE_NS}


def test_the_spid_metadata_is_signed_and_names_the_public_body(client, settings):
    response = client.get("/spid/metadata/")

    assert response.status_code == 200
    _, cert = keys.service_provider()
    assert OneLogin_Saml2_Utils.validate_metadata_sign(response.content, cert)
    root = etree.fromstring(response.content)
    assert root.get("entityID") == settings.CASA_SPID_ENTITY_ID
    assert root.xpath("md:ContactPerson[@contactType='other']/md:Extensions/spid:IPACode/text()",
                      namespaces=MD) == [settings.CASA_SPID_ORGANIZATION["ipa_code"]]
    acs = root.xpath("//md:AssertionConsumerService", namespaces=MD)
    assert [(a.get("index"), a.get("isDefault")) for a in acs] == [("0", "true")]
    asked = root.xpath("//md:RequestedAttribute/@Name", namespaces=MD)
    assert asked == ["fiscalNumber", "name", "familyName", "email", "mobilePhone"]


def test_the_cie_metadata_has_its_own_entity_and_the_ministrys_extensions(client, settings):
    response = client.get("/spid/metadata/cie/")

    root = etree.fromstring(response.content)
    assert root.get("entityID") == settings.CASA_CIE_ENTITY_ID != settings.CASA_SPID_ENTITY_ID
    contact = root.xpath("md:ContactPerson[@contactType='administrative']", namespaces=MD)
    assert len(contact) == 1
    assert contact[0].xpath("md:Extensions/cie:Municipality/text()", namespaces=MD) == ["F205"]
    assert contact[0].xpath("md:Company/text()", namespaces=MD) == ["Aler Milano"]
    assert root.xpath("//md:RequestedAttribute/@Name", namespaces=MD) == [
        "fiscalNumber", "name", "familyName", "dateOfBirth"]


def test_a_member_logs_in_with_cie(client, register, providers):
    response = log_in_with_spid(client, providers["cie"], FISCAL_CODES[1])

    assert response.status_code == 302
    user = User.objects.get(fiscal_code=FISCAL_CODES[1])
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["spid_session"]["idp"] == providers["cie"].entity_id


def test_a_spid_response_is_not_a_cie_one(client, register, providers):
    """The audience is the entity of the kind asked: a response for CASA's SPID entity does not
    log in through a CIE request."""
    from casa.spid import testidp

    from .conftest import post_to_acs, start_login

    started = start_login(client, providers["cie"])
    response = testidp.build_response("cie", started.request_id,
                                      testidp.Person(fiscal_code=FISCAL_CODES[1]),
                                      audience=saml.entity_id("spid"))

    assert post_to_acs(client, response).status_code == 403
    assert "_auth_user_id" not in client.session
