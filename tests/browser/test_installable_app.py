"""The installable app in Chromium: the service worker shows the offline page when a page cannot
be loaded, and the browser's caches never hold a tenant's pages, before or after logging out."""

import pytest

from conftest import FISCAL_CODES

from .conftest import assert_no_axe_violations, log_in, save_screenshot

pytestmark = pytest.mark.browser

CACHED_URLS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
}"""

WORKER_READY = """async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
        await new Promise(resolve => navigator.serviceWorker.addEventListener(
            'controllerchange', resolve, {once: true}));
    }
    return navigator.serviceWorker.controller.scriptURL;
}"""


def only_static_and_offline(urls):
    return [url for url in urls if not (url.startswith("/static/") or url == "/offline/")]


@pytest.mark.parametrize("width", [360, 1280])
def test_offline_a_tenant_sees_the_offline_page_and_nothing_personal_is_cached(
        open_page, register, make_user, width):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("it", width=width, height=740, csp=False)
    log_in(page, tenant.email)
    page.goto("/my/home/")
    assert "Rossi" in page.content()  # the tenant's household, on their home page

    assert page.evaluate(WORKER_READY).endswith("/sw.js")
    cached = page.evaluate(CACHED_URLS)
    assert "/offline/" in cached
    assert only_static_and_offline(cached) == []

    page.context.set_offline(True)
    page.goto("/my/home/")
    assert page.locator("h1").inner_text() == "Nessuna connessione"
    assert "Rossi" not in page.content()
    assert tenant.email not in page.content()
    save_screenshot(page, f"offline-{width}")
    assert_no_axe_violations(page)

    page.context.set_offline(False)
    page.click("main a.btn-primary")  # "Riprova": the same address, now online
    page.wait_for_load_state("load")
    assert "Rossi" in page.content()
    # Pages seen while logged in were never put in a cache.
    assert only_static_and_offline(page.evaluate(CACHED_URLS)) == []


def test_after_logout_the_caches_hold_nothing_personal(open_page, register, make_user):
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    page = open_page("it", width=360, height=740)
    log_in(page, tenant.email)
    page.goto("/my/home/")
    page.evaluate(WORKER_READY)
    # Something personal that a mistake could have put in a cache: logging out removes it.
    page.evaluate("""async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        await cache.put('/my/home/', new Response('Rossi, household H001'));
        await (await caches.open('casa-other')).put('/api/me', new Response('{}'));
    }""")

    with page.expect_response(lambda response: "/accounts/logout/" in response.url) as answer:
        page.click("header form[data-casa-logout] button[type=submit]")
    page.wait_for_load_state("load")

    assert answer.value.all_headers().get("clear-site-data") == '"cache"'
    page.goto("/")
    cached = page.evaluate(CACHED_URLS)
    assert only_static_and_offline(cached) == []
    assert page.errors == []
