"""Refresh the identity providers CASA offers (casa/spid/registry.py).

    manage.py spid_registry                      # production: AgID's registry and CIE ID
    manage.py spid_registry --file x.xml --kind spid
    manage.py spid_registry --test-providers     # tests and the demo: CASA's test providers

Run it daily in production (docs/spid.md): AgID adds and retires providers, and providers
roll their keys over.
"""

import os
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casa.spid import registry, testidp
from casa.spid.models import Kind

TIMEOUT = 30
LARGEST = 20 * 1024 * 1024


class Command(BaseCommand):
    help = "Refresh the SPID and CIE identity providers from their metadata."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="Read this metadata file.")
        parser.add_argument("--kind", choices=Kind.values, default=Kind.SPID,
                            help="What the file lists (with --file).")
        parser.add_argument("--test-providers", action="store_true",
                            help="CASA's own test providers (needs CASA_SPID_TEST_IDP).")

    def handle(self, *args, file=None, kind=Kind.SPID, test_providers=False, **options):
        if test_providers:
            if not settings.CASA_SPID_TEST_IDP:
                raise CommandError("The test providers need CASA_SPID_TEST_IDP (never in "
                                   "production).")
            # The file is written for whoever wants to read it (spid-sp-test, a person); each
            # process reads what it wrote itself (test workers write it at the same time).
            xml = testidp.registry_xml().encode()
            path = Path(settings.VAR_DIR) / "spid" / "test-registry.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            mine = path.with_suffix(f".{os.getpid()}.tmp")
            mine.write_bytes(xml)
            os.replace(mine, path)
            self.load(xml, kind=Kind.SPID, test=True, source=path,
                      entries_filter=lambda entry: "/spid/test-idp/spid/" in entry.entity_id)
            self.load(xml, kind=Kind.CIE, test=True, source=path,
                      entries_filter=lambda entry: "/spid/test-idp/cie/" in entry.entity_id)
            return
        if file is not None:
            self.load(self.read_file(file), kind=kind, source=file)
            return
        signer = settings.CASA_SPID_REGISTRY_CERT_FILE
        self.load(self.download(settings.CASA_SPID_REGISTRY_URL), kind=Kind.SPID,
                  source=settings.CASA_SPID_REGISTRY_URL,
                  signed_by=Path(signer).read_text() if signer else None)
        self.load(self.download(settings.CASA_CIE_METADATA_URL), kind=Kind.CIE,
                  source=settings.CASA_CIE_METADATA_URL)

    @staticmethod
    def read_file(path):
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

    @staticmethod
    def download(url):
        if not url.startswith("https://"):
            raise CommandError(f"{url}: the registry is read over HTTPS only.")
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310
                return response.read(LARGEST)
        except OSError as error:
            raise CommandError(f"Cannot download {url}: {error}") from error

    def load(self, xml, *, kind, source, test=False, signed_by=None, entries_filter=None):
        try:
            entries = registry.parse(xml, signed_by=signed_by)
        except registry.RegistryError as error:
            raise CommandError(f"{source}: {error}. Nothing was changed.") from error
        if entries_filter is not None:
            entries = [entry for entry in entries if entries_filter(entry)]
        created, updated, off = registry.replace(entries, kind=kind, test=test)
        self.stdout.write(f"{kind.upper()}: {len(entries)} identity providers from {source} "
                          f"({created} new, {updated} updated, {off} turned off).")
