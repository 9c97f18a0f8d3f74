"""The registry of identity providers: SAML metadata (AgID's aggregate of SPID's identity
providers, CIE ID's metadata, or the demo's file) read into IdentityProvider rows.

`manage.py spid_registry` refreshes it in production from AgID's address; tests and the demo
read a file. A refresh replaces the whole list of one kind in one transaction: a provider it
no longer lists is turned off, and logins with it stop.
"""

import dataclasses

from django.db import transaction
from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from .models import IdentityProvider

NS = {"md": "urn:oasis:names:tc:SAML:2.0:metadata",
      "ds": "http://www.w3.org/2000/09/xmldsig#"}
REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class RegistryError(ValueError):
    """The metadata cannot be read, or its signature does not verify."""


@dataclasses.dataclass(frozen=True)
class Entry:
    entity_id: str
    name: str
    sso_url: str
    slo_url: str
    certificates: tuple


def parse(xml, *, signed_by=None):
    """The identity providers described by SAML metadata (one EntityDescriptor or an
    EntitiesDescriptor of them). With `signed_by` (a PEM certificate), the document must carry
    a valid signature by it."""
    try:
        root = OneLogin_Saml2_XML.to_etree(xml)  # no DTDs, no entities, no network
    except Exception as error:  # noqa: BLE001 (lxml and defusedxml raise many kinds)
        raise RegistryError(f"not XML metadata: {error}") from error
    if signed_by and not OneLogin_Saml2_Utils.validate_metadata_sign(
            xml, signed_by, raise_exceptions=False):
        raise RegistryError("the metadata's signature does not verify with the configured "
                            "certificate")
    descriptors = ([root] if etree.QName(root).localname == "EntityDescriptor"
                   else root.findall(".//md:EntityDescriptor", NS))
    entries = [entry for entry in map(_entry, descriptors) if entry is not None]
    if not entries:
        raise RegistryError("the metadata describes no identity provider")
    return entries


def _entry(descriptor):
    idp = descriptor.find("md:IDPSSODescriptor", NS)
    if idp is None:
        return None
    entity_id = descriptor.get("entityID", "").strip()
    sso = [element.get("Location", "") for element in idp.findall("md:SingleSignOnService", NS)
           if element.get("Binding") == REDIRECT]
    slo = [element.get("Location", "") for element in idp.findall("md:SingleLogoutService", NS)
           if element.get("Binding") == REDIRECT]
    certificates = tuple(
        "".join(element.text.split())
        for key in idp.findall("md:KeyDescriptor", NS) if key.get("use") in (None, "signing")
        for element in key.findall(".//ds:X509Certificate", NS) if element.text)
    if not entity_id or not sso or not certificates:
        raise RegistryError(f"identity provider {entity_id or '?'} lacks an entity ID, an "
                            "HTTP-Redirect login address or a signing certificate")
    return Entry(entity_id=entity_id, name=_display_name(descriptor) or entity_id,
                 sso_url=sso[0], slo_url=slo[0] if slo else "", certificates=certificates)


def _display_name(descriptor):
    names = descriptor.findall("md:Organization/md:OrganizationDisplayName", NS)
    by_language = {name.get(XML_LANG): (name.text or "").strip() for name in names}
    return by_language.get("it") or by_language.get("en") or next(
        (text for text in by_language.values() if text), "")


@transaction.atomic
def replace(entries, *, kind, test=False):
    """Make `entries` the identity providers of `kind`: create or update them, turn off the
    others of that kind. Returns (created, updated, turned off) counts."""
    created = updated = 0
    seen = []
    for entry in entries:
        _, was_created = IdentityProvider.objects.update_or_create(
            entity_id=entry.entity_id,
            defaults={"kind": kind, "name": entry.name[:120], "sso_url": entry.sso_url,
                      "slo_url": entry.slo_url, "certificates": list(entry.certificates),
                      "active": True, "test": test})
        created += was_created
        updated += not was_created
        seen.append(entry.entity_id)
    turned_off = (IdentityProvider.objects.filter(kind=kind, test=test, active=True)
                  .exclude(entity_id__in=seen).update(active=False))
    return created, updated, turned_off
