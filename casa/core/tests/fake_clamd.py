"""A fake clamd for tests: speaks the INSTREAM protocol on a local socket (Unix or TCP) and
answers "stream: OK", or "stream: Eicar-Signature FOUND" when the stream holds the EICAR test
string. Runs in a thread (socketserver), one per test."""

import contextlib
import socketserver
import struct
import threading

EICAR_MARKER = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        command = b""
        while not command.endswith(b"\0"):
            byte = self.rfile.read(1)
            if not byte:
                return
            command += byte
        if command != b"zINSTREAM\0":
            self.wfile.write(b"UNKNOWN COMMAND\0")
            return
        data = b""
        while True:
            size = struct.unpack("!L", self.rfile.read(4))[0]
            if size == 0:
                break
            data += self.rfile.read(size)
        self.server.received.append(data)
        if EICAR_MARKER in data:
            self.wfile.write(b"stream: Eicar-Signature FOUND\0")
        else:
            self.wfile.write(b"stream: OK\0")


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def fake_clamd(*, unix_path=None):
    """Yields (address for CASA_CLAMD_ADDRESS, list of the streams received)."""
    if unix_path is not None:
        server = _UnixServer(str(unix_path), _Handler)
        address = str(unix_path)
    else:
        server = _TcpServer(("127.0.0.1", 0), _Handler)
        address = f"127.0.0.1:{server.server_address[1]}"
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address, server.received
    finally:
        server.shutdown()
        server.server_close()
