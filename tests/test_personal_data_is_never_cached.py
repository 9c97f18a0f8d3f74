"""Pages and downloads with personal data are sent with `Cache-Control: no-store`: every URL of
the access matrix, pages and API, as every role logged in, whatever the answer (a page, a file,
a refusal); and any file download, even to a visitor."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse

from casa.core.access import public
from tests.test_access_matrix import (  # noqa: F401  (fixtures used by name)
    ANONYMOUS,
    EXPECTED_API,
    EXPECTED_PAGES,
    ROLES,
    SAMPLE_KWARGS,
    energy_applications,
    energy_call,
    notices_and_events,
    user_for,
)

LOGGED_IN = [role for role in ROLES if role != ANONYMOUS]


@pytest.mark.parametrize("role", LOGGED_IN)
def test_every_page_and_api_answer_to_a_logged_in_user_is_no_store(
    client, register, make_user, role, energy_call, energy_applications,  # noqa: F811
    notices_and_events,  # noqa: F811
):
    client.force_login(user_for(role, register, make_user))

    cached = []
    for name, sample in [*EXPECTED_PAGES, *EXPECTED_API]:
        url = reverse(name, kwargs=SAMPLE_KWARGS[sample])
        response = client.get(url)
        if "no-store" not in response.get("Cache-Control", ""):
            cached.append(f"{url} ({response.status_code}): {response.get('Cache-Control')}")
    assert cached == []


@public
def public_download(request):
    response = HttpResponse("code,name\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="list.csv"'
    return response


urlpatterns = [
    path("test-download/", public_download),
    path("", include("casa.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
def test_a_file_download_is_no_store_even_for_a_visitor(client, db):
    response = client.get("/test-download/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
