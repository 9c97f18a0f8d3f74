"""lxml and xmlsec are two wheels that each carry libxml2: they must carry the same version, or
importing both fails (xmlsec: "lxml & xmlsec libxml2 library version mismatch"), and SPID
logins with it. requirements/base.in pins them together and the Makefile installs them from
wheels only; this test signs and verifies with both loaded, as python3-saml does."""

import lxml.etree
import xmlsec
from onelogin.saml2.utils import OneLogin_Saml2_Utils


def test_lxml_and_xmlsec_carry_the_same_libxml2():
    assert xmlsec.get_libxml_version() == lxml.etree.LIBXML_VERSION


def test_a_document_signed_with_the_xmlsec_wheel_verifies():
    from casa.spid import keys

    key, cert = keys.self_signed(service_provider=False)
    signed = OneLogin_Saml2_Utils.add_sign(
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>',
        key, cert)

    assert OneLogin_Saml2_Utils.validate_metadata_sign(signed, cert)
    assert not OneLogin_Saml2_Utils.validate_metadata_sign(signed.replace(b'"x"', b'"y"'), cert)
