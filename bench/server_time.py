"""Server time of the tenant's home (/my/home/) against a bare Django view, in the production
profile: gunicorn (one gthread worker, one thread: requests one at a time), SQLite, the demo
data of `make run`.

    .venv/bin/python bench/server_time.py [--requests 1000] [--households 2000]

A Python client (no wrk on these machines) sends requests one after the other on a kept-alive
connection, with the demo tenant's session cookie. The figures are measured in the server
(bench/bench_wsgi.py): the wall time from the request's arrival in Django to the end of the
answer, and the CPU time the serving thread spent on it, which other programs on a shared
machine do not inflate; the client's round trip is printed beside them. The bare view
(bench/bench_urls.py, /bench/bare/) runs behind the same middleware, anonymous and logged in:
the difference to the home is what the home's own work costs. The home is measured twice: as
served from its cache (every request after the first, until something on it changes), and
rendered afresh, as the first request after each change is.
"""

import argparse
import http.client
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_server import PROXY_HEADERS, TENANT, production_server  # noqa: E402

BENCH = Path(__file__).resolve().parent
# The home as tenants get it (from the cache, casa/portal/page_cache.py, after the first
# request), and rendered as after every change to it: a query string skips the cache.
PAGES = [("bare view, anonymous", "/bench/bare/", False),
         ("bare view, logged in", "/bench/bare/", True),
         ("tenant's home", "/my/home/", True),
         ("home, rendered afresh", "/my/home/?afresh", True)]


def run(connection, path, cookie, count):
    headers = {**PROXY_HEADERS, "Accept-Encoding": "gzip", "X-Bench-Path": path}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--households", type=int, default=2000)
    args = parser.parse_args()

    times = Path(tempfile.mkdtemp(prefix="casa-bench-times-")) / "times.log"
    with production_server(
            households=args.households, app="bench_wsgi:application",
            gunicorn_args=["--worker-class", "gthread", "--pythonpath", str(BENCH)],
            extra_env={"BENCH_TIMES": str(times)}) as server:
        cookie = server.log_in(TENANT)
        address = urlsplit(server.url)
        connection = http.client.HTTPConnection(address.hostname, address.port)
        client = {}
        for _name, path, logged_in in PAGES:  # warm up: templates, connections, caches
            run(connection, path, cookie if logged_in else None, 100)
        mark = len(times.read_text().splitlines())
        for _round in range(2):
            for name, path, logged_in in PAGES:
                client.setdefault(name, []).extend(
                    run(connection, path, cookie if logged_in else None, args.requests // 2))
        lines = [line.split() for line in times.read_text().splitlines()[mark:]]
    shutil.rmtree(times.parent, ignore_errors=True)

    print(f"\n{args.requests} requests each, one at a time; server time (median, p95) as "
          "wall time and as the serving thread's CPU time; the client's round trip:")
    for name, path, logged_in in PAGES:
        rows = [line for line in lines if line[0] == path and (line[1] == "True") == logged_in]
        wall = [float(line[2]) for line in rows]
        cpu = [float(line[3]) for line in rows]
        print(f"  {name:22} wall {statistics.median(wall):5.2f} ms "
              f"(p95 {statistics.quantiles(wall, n=20)[-1]:5.2f}), "
              f"CPU {statistics.median(cpu):5.2f} ms "
              f"(p95 {statistics.quantiles(cpu, n=20)[-1]:5.2f})"
              f"; client {statistics.median(client[name]):5.2f} ms")


if __name__ == "__main__":
    main()
