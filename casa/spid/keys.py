"""The service provider's key and certificate, and the test identity provider's.

Production reads them from files (CASA_SPID_KEY_FILE, CASA_SPID_CERT_FILE) or from the
environment (CASA_SPID_KEY, CASA_SPID_CERT), never from the repository (docs/spid.md says how
to make the certificate AgID asks for). On a laptop and in tests, a self-signed pair is made
once under var/spid/ (CASA_VAR_DIR), shaped as AgID's rules for a public body's certificate, so
that spid-sp-test checks the same certificate a real one would be.
"""

import datetime as dt
import functools
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# AgID's "Avviso SPID n.29 v3": a public body's SP certificate names the body by its IPA code
# (organizationIdentifier "PA:IT-<code>"), its entity ID (uri) and carries these policies.
URI = ObjectIdentifier("2.5.4.83")
AGID_CERT = ObjectIdentifier("1.3.76.16.6")
PUBLIC_SP = ObjectIdentifier("1.3.76.16.4.2.1")


def _pem_or_file(value, path):
    if value:
        return value.replace("\\n", "\n")
    if path:
        try:
            return Path(path).read_text()
        except OSError as error:
            raise ImproperlyConfigured(f"Cannot read {path}: {error}") from error
    return ""


@functools.cache
def service_provider():
    """(private key PEM, certificate PEM) of CASA as a SPID service provider."""
    key = _pem_or_file(settings.CASA_SPID_KEY, settings.CASA_SPID_KEY_FILE)
    cert = _pem_or_file(settings.CASA_SPID_CERT, settings.CASA_SPID_CERT_FILE)
    if key and cert:
        return key, cert
    # Only where the test identity provider may run (the settings allow it with DEBUG only):
    # pytest turns DEBUG off in tests, and keeps this setting.
    if not settings.CASA_SPID_TEST_IDP:
        raise ImproperlyConfigured("SPID needs CASA_SPID_KEY_FILE and CASA_SPID_CERT_FILE "
                                   "(docs/spid.md).")
    return _made_once("sp", service_provider=True)


@functools.cache
def test_identity_provider():
    """(private key PEM, certificate PEM) of the test identity provider (laptop and tests)."""
    return _made_once("test-idp", service_provider=False)


def _made_once(name, *, service_provider):
    """The pair kept in var/spid/<name>.pem (key and certificate in one file), made by the
    first process that needs it. Test workers start together: each writes a whole pair to a
    file of its own and links it into place, which only the first link does; every process
    then reads the winner's file, so a key is never read with another's certificate."""
    path = Path(settings.VAR_DIR) / "spid" / f"{name}.pem"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key, cert = self_signed(service_provider=service_provider)
        mine = path.with_suffix(f".{os.getpid()}.tmp")
        mine.write_text(key + cert)
        mine.chmod(0o600)
        try:
            os.link(mine, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            mine.unlink()
    text = path.read_text()
    split = text.index("-----BEGIN CERTIFICATE-----")
    return text[:split], text[split:]


def self_signed(*, service_provider):
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    organization = settings.CASA_SPID_ORGANIZATION
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME,
                                     "CASA" if service_provider else "CASA test IdP"),
                  x509.NameAttribute(NameOID.COUNTRY_NAME, "IT")]
    if service_provider:
        attributes += [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization["name"]),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER,
                               f"PA:IT-{organization['ipa_code']}"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, organization["locality"]),
            x509.NameAttribute(URI, settings.CASA_SPID_ENTITY_ID),
        ]
    name = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=730)))
    if service_provider:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        builder = builder.add_extension(x509.CertificatePolicies([
            x509.PolicyInformation(AGID_CERT, ["agIDcert"]),
            x509.PolicyInformation(PUBLIC_SP, None)]), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


def certificate_body(pem):
    """The base64 of a PEM certificate, as SAML metadata carries it."""
    return "".join(line.strip() for line in pem.splitlines() if "-----" not in line)
