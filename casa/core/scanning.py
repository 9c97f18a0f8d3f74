"""The virus-scanner interface for uploaded files.

Virus signatures cannot be fetched on CASA's own machines, so scanning is off by default
(`CASA_VIRUS_SCANNER` unset: every file passes, with `scanned=False`). Where a clamd daemon
runs, set `CASA_VIRUS_SCANNER=casa.core.scanning.Clamd` and `CASA_CLAMD_ADDRESS` (a socket
path, or host:port): each upload is streamed to it with clamd's INSTREAM command before it is
stored. A scanner that cannot be reached refuses the file (fail closed). See
docs/deployment.md.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Verdict:
    clean: bool
    scanned: bool
    detail: str = ""


class NoScanner:
    """Scanning switched off: everything passes, and says it was not scanned."""

    def scan(self, data: bytes) -> Verdict:
        return Verdict(clean=True, scanned=False)


class Clamd:
    """clamd's INSTREAM protocol over a Unix or TCP socket."""

    CHUNK = 64 * 1024

    def __init__(self, address=None, timeout=30):
        self.address = address or getattr(settings, "CASA_CLAMD_ADDRESS", "")
        self.timeout = timeout

    def _connect(self):
        if ":" in self.address and not self.address.startswith("/"):
            host, port = self.address.rsplit(":", 1)
            return socket.create_connection((host, int(port)), timeout=self.timeout)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.address)
        return sock

    def scan(self, data: bytes) -> Verdict:
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                for start in range(0, len(data), self.CHUNK):
                    chunk = data[start:start + self.CHUNK]
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0"):
                    part = sock.recv(4096)
                    if not part:
                        break
                    reply += part
        except OSError as error:
            return Verdict(clean=False, scanned=False, detail=f"scanner unreachable: {error}")
        text = reply.rstrip(b"\0").decode("utf-8", "replace")
        return Verdict(clean=text.endswith("OK") and "FOUND" not in text, scanned=True,
                       detail=text)


def scanner():
    path = getattr(settings, "CASA_VIRUS_SCANNER", "")
    return import_string(path)() if path else NoScanner()


def scan(data: bytes) -> Verdict:
    return scanner().scan(data)
