"""Where the tenant's home spends its server time: the page requested in-process (Django's test
client, the production profile's settings, the demo data of `make run`), with the queries it
runs and a profile of the functions that cost most. bench/server_time.py gives the figures to
quote; this says where they come from.

    .venv/bin/python bench/profile_home.py [--requests 300] [--households 2000] [--reuse DIR]

`--reuse DIR` keeps the seeded database in DIR (seeded the first time) so that a second run
starts at once.
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from production_profile import BENCH_ONLY  # noqa: E402
from production_server import TENANT  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--reuse", type=Path)
    parser.add_argument("--path", default="/my/home/")
    args = parser.parse_args()

    var_dir = args.reuse or Path(tempfile.mkdtemp(prefix="casa-profile-"))
    env = {**os.environ, **BENCH_ONLY, "CASA_VAR_DIR": str(var_dir), "ALLOWED_HOSTS": "testserver",
           "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    commands = [["migrate", "--noinput"], ["createcachetable"]]  # a reused database too
    if not (var_dir / "casa.sqlite3").exists():
        commands += [["seed_demo", "--households", str(args.households)],
                     ["collectstatic", "--noinput"]]
    for command in commands:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "casa.settings"

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from casa.accounts.models import User

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(User.objects.get(email=TENANT))
    for _ in range(20):  # warm up: templates compiled, connections open
        assert client.get(args.path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(args.path)
    print(f"{len(queries)} queries per request:")
    for query in queries.captured_queries:
        print(f"  {query['time']} s  {query['sql'][:150]}")

    started, cpu = time.perf_counter(), time.thread_time()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profile.disable()
    wall = (time.perf_counter() - started) * 1000 / args.requests
    cpu = (time.thread_time() - cpu) * 1000 / args.requests
    print(f"\n{args.requests} requests under the profiler: {wall:.2f} ms wall, {cpu:.2f} ms CPU "
          "each (the profiler roughly doubles them)\n")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
