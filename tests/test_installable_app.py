"""The installable app's server side: the service worker keeps only static files and an
offline page that is the same for everyone, and logging out clears the browser's cache."""

import json
import re

from django.conf import settings
from django.urls import reverse

from conftest import FISCAL_CODES


def precache_of(response):
    script = response.content.decode()
    return json.loads(re.search(r"var PRECACHE = (\[.*?\]);", script).group(1))


def test_the_service_worker_is_served_at_the_root_and_keeps_only_static_files(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    precache = precache_of(response)
    assert precache and all(url.startswith(settings.STATIC_URL) for url in precache)
    assert 'var OFFLINE_URL = "/offline/"' in response.content.decode()


def test_the_offline_page_is_the_same_for_a_tenant_and_a_visitor(client, register, make_user):
    visitor_page = client.get(reverse("core:offline")).content
    tenant = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    client.force_login(tenant)

    tenant_page = client.get(reverse("core:offline")).content

    assert tenant_page == visitor_page
    assert tenant.email.encode() not in tenant_page
    assert b"csrfmiddlewaretoken" not in tenant_page
    assert b"Nessuna connessione" in tenant_page and b"No connection" in tenant_page


def test_a_new_offline_page_or_static_file_changes_the_service_worker(client, settings):
    first = client.get("/sw.js").content
    settings.STATIC_URL = "/static-next/"

    assert client.get("/sw.js").content != first


def test_logging_out_tells_the_browser_to_clear_its_cache(client, register, make_user):
    client.force_login(make_user("tenant", fiscal_code=FISCAL_CODES[0]))

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
    assert "_auth_user_id" not in client.session
