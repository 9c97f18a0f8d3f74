"""A production-profile CASA server for benchmarks: gunicorn with WhiteNoise's compressed static
files, DEBUG off, on the demo data of `make run` (seed_demo) in a scratch folder.

    with production_server() as server:
        server.url, server.log_in(email) -> session cookie

The server faces the benchmark as it faces a reverse proxy in production (docs/deployment.md):
requests carry `X-Forwarded-Proto: https`, so the HTTPS settings (secure cookies, HSTS) are
those of production. The one difference: SECURE_SSL_REDIRECT is off, as Chromium's service
worker fetches its script without the benchmark's extra header and would be redirected to an
https address nothing serves here. Only the loopback address is used.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from production_profile import BENCH_ONLY

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_PASSWORD = "casa-demo-2026"  # noqa: S105 (seed_demo's published demo password)
TENANT = "tenant.sansiro@demo.casa.invalid"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    env: dict
    var_dir: Path
    log: Path | None = None

    def read_log(self):
        return self.log.read_text().splitlines() if self.log and self.log.exists() else []

    def log_in(self, email=TENANT, password=DEMO_PASSWORD):
        """Log in through the real login form; the session cookie's value."""
        opener = urllib.request.build_opener(_NoRedirect)
        login = f"{self.url}/accounts/login/"
        with opener.open(_request(login)) as response:
            cookies = _cookies(response)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"',
                              response.read()).group(1).decode()
        body = urllib.parse.urlencode({"login": email, "password": password,
                                       "csrfmiddlewaretoken": token}).encode()
        request = _request(login, data=body, cookies=cookies,
                           headers={"Origin": self.url, "Referer": login})
        try:
            opener.open(request)
            raise RuntimeError("The login form did not redirect: wrong demo login?")
        except urllib.error.HTTPError as redirect:
            if redirect.code != 302:
                raise
            cookies.update(_cookies(redirect))
        return cookies["sessionid"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(url, *, data=None, cookies=None, headers=None):
    request = urllib.request.Request(url, data=data, headers={**PROXY_HEADERS, **(headers or {})})
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    return request


def _cookies(response):
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def _run(args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def production_server(*, households=2000, workers=1, threads=1, extra_env=None,
                      app="casa.wsgi", gunicorn_args=(), log_to=None):
    """Seed a scratch database with the demo, collect the static files, start gunicorn."""
    var_dir = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **BENCH_ONLY, "CASA_VAR_DIR": str(var_dir),
           "ALLOWED_HOSTS": "127.0.0.1", "CSRF_TRUSTED_ORIGINS": url, "SECURE_SSL_REDIRECT": "0",
           "LOG_LEVEL": "WARNING", **(extra_env or {})}
    env.pop("DATABASE_URL", None)
    process = None
    try:
        _run(["migrate", "--noinput"], env)
        _run(["createcachetable"], env)
        _run(["seed_demo", "--households", str(households)], env)
        _run(["collectstatic", "--noinput"], env)
        args = [str(Path(PYTHON).parent / "gunicorn"), app, "--workers", str(workers),
                "--threads", str(threads), "--bind", f"127.0.0.1:{port}", *gunicorn_args]
        output = open(var_dir / log_to, "w") if log_to else None  # noqa: SIM115
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=output,
                                   stderr=subprocess.STDOUT if output else None)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(_request(f"{url}/privacy/"), timeout=10).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield Server(url=url, env=env, var_dir=var_dir, log=var_dir / log_to if log_to else None)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(var_dir, ignore_errors=True)
