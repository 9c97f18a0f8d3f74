"""The virus-scanner interface for uploaded files (answers' documents, reports' photos).

A scanner is any class with `scan(self, data: bytes) -> Verdict`. Virus signatures cannot be
fetched on CASA's own machines, so scanning is off by default (`CASA_VIRUS_SCANNER` unset:
`NoScanner`, every file passes with `scanned=False`). Where a clamd daemon runs, set
`CASA_VIRUS_SCANNER=casa.core.scanning.Clamd` and `CASA_CLAMD_ADDRESS` (a Unix socket path,
or host:port): each file is streamed to it with clamd's INSTREAM command before it is
stored. A scanner that cannot be reached, or answers anything but OK, refuses the file (fail
closed). See docs/deployment.md.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Verdict:
    """`clean`: the file may be stored. `scanned`: a scanner looked at it (a file refused
    without being scanned could not be checked; one refused after a scan is infected)."""

    clean: bool
    scanned: bool
    detail: str = ""

    @property
    def infected(self) -> bool:
        return self.scanned and not self.clean


class NoScanner:
    """Scanning switched off: everything passes, and says it was not scanned."""

    def scan(self, data: bytes) -> Verdict:
        return Verdict(clean=True, scanned=False)


class Clamd:
    """clamd's INSTREAM protocol (the "z" form: NUL-terminated commands and replies) over a
    Unix or TCP socket. The reply is "stream: OK", "stream: <signature> FOUND", or an error
    such as "INSTREAM size limit exceeded. ERROR" (clamd's StreamMaxLength, 25 MB by default,
    must be above CASA_ATTACHMENT_MAX_BYTES and CASA_PHOTO_MAX_BYTES)."""

    CHUNK = 64 * 1024

    def __init__(self, address=None, timeout=None):
        self.address = address or getattr(settings, "CASA_CLAMD_ADDRESS", "")
        self.timeout = timeout or getattr(settings, "CASA_CLAMD_TIMEOUT", 30)

    def _connect(self):
        if not self.address:
            raise OSError("CASA_CLAMD_ADDRESS is not set")
        if not self.address.startswith("/") and ":" in self.address:
            host, port = self.address.rsplit(":", 1)
            return socket.create_connection((host, int(port)), timeout=self.timeout)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.address)
        except OSError:
            sock.close()
            raise
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
        except (OSError, ValueError) as error:
            return Verdict(clean=False, scanned=False, detail=f"scanner unreachable: {error}")
        text = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
        if text.endswith(" OK"):
            return Verdict(clean=True, scanned=True, detail=text)
        if text.endswith(" FOUND"):
            return Verdict(clean=False, scanned=True, detail=text)
        return Verdict(clean=False, scanned=False, detail=f"scanner error: {text!r}")


def scanner():
    """The configured scanner (settings.CASA_VIRUS_SCANNER, a dotted path), or NoScanner."""
    path = getattr(settings, "CASA_VIRUS_SCANNER", "")
    return import_string(path)() if path else NoScanner()


def scan(data: bytes) -> Verdict:
    return scanner().scan(data)
