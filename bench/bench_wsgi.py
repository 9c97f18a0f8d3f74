"""gunicorn's entry point for bench/server_time.py only: CASA's WSGI application with one more
URL, /bench/bare/, a view that does nothing, behind the same middleware; and each request's
server time written to BENCH_TIMES: wall time and the CPU time of the thread that served it,
from the request's arrival in Django to the end of the response (its close(), where Django
ends the request). CPU time is what the machine spent on the request, whatever else runs on
it. This never ships: CASA's own URLs (casa/urls.py) have no such endpoint."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casa.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

django_application = get_wsgi_application()
TIMES = open(os.environ["BENCH_TIMES"], "a", buffering=1)  # noqa: SIM115


class Timed:
    def __init__(self, result, path, cookie, wall, cpu):
        self.result, self.path, self.cookie, self.wall, self.cpu = result, path, cookie, wall, cpu

    def __iter__(self):
        return iter(self.result)

    def close(self):
        if hasattr(self.result, "close"):
            self.result.close()
        wall = (time.perf_counter() - self.wall) * 1000
        cpu = (time.thread_time() - self.cpu) * 1000
        TIMES.write(f"{self.path} {self.cookie} {wall:.3f} {cpu:.3f}\n")


def application(environ, start_response):
    wall, cpu = time.perf_counter(), time.thread_time()
    result = django_application(environ, start_response)
    path = environ["PATH_INFO"] + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING")
                                   else "")
    return Timed(result, path, "sessionid=" in environ.get("HTTP_COOKIE", ""), wall, cpu)
