"""What a tenant's phone downloads: the bytes transferred for the login page and the tenant's
home (/my/), on a first visit (empty cache) and on a later visit, in the production profile.

    .venv/bin/python bench/page_weight.py [--households 2000] [--tenant EMAIL]

Starts gunicorn with WhiteNoise's compressed static files (bench/production_server.py) on the
demo data, opens each page in Debian's Chromium through Playwright with a fresh browser
context, and sums the bodies as transferred (compressed) of every response the browser
received from the network, the service worker's own downloads (its script, its precache)
included; responses served from the browser's caches transfer nothing.
"""

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_server import PROXY_HEADERS, TENANT, production_server  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TARGET_KB = 150


class Transfers:
    """Responses the browser got from the network, with their transferred body sizes."""

    def __init__(self, context):
        self.rows = []
        self.navigations = []
        context.on("requestfinished", self.finished)

    def finished(self, request):
        response = request.response()
        if response is None:
            return
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # the page went away meanwhile  # noqa: BLE001
            return
        if response.from_service_worker:
            if not request.is_navigation_request():
                return  # a static file the worker kept: nothing transferred
            # A page the worker fetched (navigation preload): Chromium reports the page, not
            # always the worker's request; the body as sent is its Content-Length.
            size = int(response.headers.get("content-length", "0"))
            self.navigations.append((request.url, response.headers.get("content-encoding", "-"),
                                     size, True))
            return
        if size == 0 and request.service_worker and response.status == 200:
            # Chromium gives no size for the worker's own script: its Content-Length is the
            # body as sent (compressed).
            size = int(response.headers.get("content-length", "0"))
        if response.status == 304 or size <= 0:
            return  # revalidated or from the HTTP cache: nothing transferred
        self.rows.append((request.url, response.headers.get("content-encoding", "-"), size,
                          bool(request.service_worker)))

    def take(self):
        counted = {url for url, _enc, _size, _sw in self.rows}
        rows = self.rows + [row for row in self.navigations if row[0] not in counted]
        self.rows, self.navigations = [], []
        return rows


def report(title, rows):
    total = sum(size for _url, _enc, size, _sw in rows)
    print(f"\n{title}: {total / 1024:.1f} KB in {len(rows)} responses")
    for url, encoding, size, by_sw in sorted(rows, key=lambda row: -row[2]):
        path = url.split("/", 3)[-1]
        print(f"  {size / 1024:7.1f} KB  {encoding:4}  {'(service worker) ' if by_sw else ''}"
              f"/{path[:90]}")
    return total


def settle(page):
    """Wait until the page has loaded and the service worker, if any, has installed."""
    page.wait_for_load_state("networkidle")
    page.evaluate("""async () => {
        if (!('serviceWorker' in navigator)) return;
        const reg = await navigator.serviceWorker.getRegistration();
        if (reg) await navigator.serviceWorker.ready;
    }""")
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--tenant", default=TENANT,
                        help="the demo tenant whose home is weighed (tenant.arabo@...: Arabic, "
                             "right to left)")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"

    from playwright.sync_api import sync_playwright

    with production_server(households=args.households) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        results = {}
        sessionid = server.log_in(args.tenant)
        for name, path, logged_in in (("login page", "/accounts/login/", False),
                                      ("tenant's home", "/my/home/", True)):
            context = browser.new_context(extra_http_headers=PROXY_HEADERS,
                                          viewport={"width": 360, "height": 740})
            if logged_in:
                context.add_cookies([{"name": "sessionid", "value": sessionid,
                                      "url": server.url, "secure": True, "httpOnly": True}])
            transfers = Transfers(context)
            page = context.new_page()
            for visit in ("first visit", "later visit"):
                response = page.goto(server.url + path)
                assert response.ok and response.url.endswith(path), response.url
                settle(page)
                results[(name, visit)] = report(f"{name}, {visit}", transfers.take())
            context.close()
        browser.close()

    print("\nSummary (KB transferred; target for first visits: under "
          f"{TARGET_KB} KB)")
    for (name, visit), total in results.items():
        print(f"  {name:15} {visit:12} {total / 1024:7.1f} KB")


if __name__ == "__main__":
    main()
