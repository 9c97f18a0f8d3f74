"""NUL and the other control characters are refused with a clear message wherever a request
can carry them (casa/core/text.py, RefuseControlCharactersMiddleware): a page's address, a
query string (searches), a form's fields and file names, the API's path, query and JSON body,
the Django admin. Nothing reaches a view or the database: on PostgreSQL, which cannot store a
NUL, these requests answered 500 before. Tab and line breaks stay allowed in values (a
textarea sends them)."""

import pytest
from django.urls import reverse

from casa.core.models import AuditEvent
from casa.energy.models import Call
from casa.energy.tests.backoffice import login

REFUSED = ["\x00", "\x1b", "\x7f", "\x85", "\x0c"]


@pytest.fixture
def officer(client, make_user, register):
    return login(client, make_user("benefit_officer"))  # in English


@pytest.mark.parametrize("character", REFUSED)
def test_a_staff_search_with_a_control_character_is_refused_with_a_page(officer, character,
                                                                        english):
    response = officer.get(reverse("registry:household_search"), {"q": f"ros{character}si"})

    assert response.status_code == 400
    html = response.content.decode()
    code = f"U+{ord(character):04X}"
    assert f"The value of “q” contains a control character ({code})" in html
    assert "Nothing was saved." in html


def test_the_refusal_speaks_italian_by_default(officer):
    officer.cookies.pop("django_language")
    html = officer.get(reverse("registry:household_search"), {"q": "\x00"}).content.decode()

    assert "Il valore di “q” contiene un carattere di controllo (U+0000)" in html


def test_a_path_with_nul_is_refused(officer, english):
    response = officer.get("/staff/households/H00%001/")

    assert response.status_code == 400
    assert "The address of the page contains a control character (U+0000)" in (
        response.content.decode())


def test_a_query_parameter_name_with_nul_is_refused(officer):
    assert officer.get(reverse("registry:household_search") + "?q%00=x").status_code == 400


@pytest.mark.parametrize("content_type", ["multipart", "urlencoded"])
def test_a_form_field_with_nul_is_refused_and_nothing_is_saved(client, make_user, english,
                                                               content_type):
    login(client, make_user("programme_manager"))
    events = AuditEvent.objects.count()
    url = reverse("energy:call_new")
    data = {"code": "energia-2026-27", "title": "Contributo\x00 2026-27", "season": "2026-27"}

    if content_type == "multipart":
        response = client.post(url, data)
    else:
        from urllib.parse import urlencode

        response = client.post(url, urlencode(data),
                               content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert "The value of “title” contains a control character (U+0000)" in (
        response.content.decode())
    assert not Call.objects.exists() and AuditEvent.objects.count() == events


def test_tab_and_line_breaks_in_a_value_are_accepted(officer):
    response = officer.get(reverse("registry:household_search"), {"q": "rossi\tmario\r\n"})

    assert response.status_code == 200


def test_the_admin_search_with_nul_is_refused(client, make_user):
    from casa.accounts.models import User

    admin = User.objects.create_superuser(email="root@example.invalid", password="x")
    client.force_login(admin)

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "\x00"})

    assert response.status_code == 400


def test_the_api_refuses_a_query_with_nul_as_a_validation_error(officer, english):
    response = officer.get(reverse("api:household_list"), {"q": "\x00"})

    assert response.status_code == 422
    assert response.json() == {"detail": [{
        "type": "control_character", "loc": ["query", "q"],
        "msg": "The value contains a control character (U+0000), which CASA does not "
               "accept."}]}


def test_the_api_refuses_a_path_with_nul(officer):
    response = officer.get("/api/v1/households/H%0001")

    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["path", (
        "/api/v1/households/H\x0001")]


def test_the_api_refuses_a_json_body_with_nul(officer):
    response = officer.post(reverse("api:household_list"), {"q": {"nested": ["a\x00"]}},
                            content_type="application/json")

    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body"]


def test_without_a_control_character_the_api_answers(officer):
    assert officer.get(reverse("api:household_list"), {"q": "rossi"}).status_code == 200


def test_a_session_cookie_with_nul_is_ignored_as_if_absent(client, register):
    """The session key is looked up in the database: on PostgreSQL a NUL in the cookie made
    every page answer 500. A cookie holding a control character is dropped, so the visitor is
    simply not logged in."""
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"

    response = client.get(reverse("registry:household_search"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
