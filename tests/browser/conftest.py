"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium comes from Debian (`apt-get install chromium`); Playwright's own browser download
does not work on these machines. Without it the browser tests are skipped, unless
CASA_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls made from the test (fixtures creating users) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CASA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "test-pass-123"  # the password of conftest.make_user's users


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not installed ({CHROMIUM}): apt-get install chromium"
        if os.environ.get("CASA_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A Playwright page on the live server that remembers JavaScript errors, console errors
    and Content-Security-Policy violations (Chromium reports those on the console)."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(
            f"console: {msg.text}"))

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        return response

    def __getattr__(self, name):
        return getattr(self.page, name)


BROWSER_LOCALES = {"it": "it-IT", "ar": "ar", "es": "es-ES", "fr": "fr-FR", "zh-hans": "zh-CN",
                   "ro": "ro-RO"}


def _open_page(browser, live_server, language, *, cookie=True, **context_options):
    context = browser.new_context(locale=BROWSER_LOCALES.get(language, "en-GB"),
                                  **context_options)
    # The language cookie (as the header's buttons set it) makes the first request already in
    # the wanted language; without it, a tenant reads their household's register language.
    if cookie:
        context.add_cookies([{"name": "django_language", "value": language,
                              "url": live_server.url}])
    return context, Page(context.new_page(), live_server.url)


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    """open_page(language="it", width=1280, csp=True, cookie=True) -> Page. csp=False
    bypasses the Content-Security-Policy, which axe-core needs to be injected; cookie=False
    opens a browser that never pressed a language button (only its Accept-Language)."""
    from django.core.cache import cache

    # The database cache is no model's table: the end of a transactional test does not empty
    # it, and an earlier test's wrong passwords (the login throttle) would slow this one's.
    cache.clear()
    contexts = []

    def make(language="it", *, width=1280, height=900, csp=True, cookie=True):
        context, page = _open_page(browser, live_server, language, cookie=cookie,
                                   viewport={"width": width, "height": height},
                                   bypass_csp=not csp)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """An Italian page at desktop width, with the CSP enforced."""
    return open_page()


def log_in(page, email, password=PASSWORD):
    """Log in through the real login form, as a person does."""
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")  # not the SPID and CIE buttons


def choose_language(page, code):
    """Open the header's language menu (a <details>: no JavaScript needed) and press the
    language's button, as a person does; the page it leads to is loaded when this returns."""
    page.click("form.casa-language-switch summary")
    with page.expect_navigation():
        page.click(f"form.casa-language-switch button[lang={code}]")


def axe_violations(page, tags=AXE_TAGS):
    """axe-core's violations of the rules with `tags` (WCAG 2.1 A and AA unless told) on the
    current page (opened with csp=False): rule, impact, help and up to five places each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", tags)
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [node["target"] for node in v["nodes"][:5]]}
        for v in result["violations"]
    ]


def assert_no_axe_violations(page):
    """Run axe-core on the current page (opened with csp=False) for WCAG 2.1 A and AA."""
    problems = axe_violations(page)
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)


def save_screenshot(page, name):
    """With CASA_SCREENSHOTS=DIR, save a full-page screenshot there for a person to look at."""
    folder = os.environ.get("CASA_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
