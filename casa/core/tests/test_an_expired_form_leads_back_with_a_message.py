"""A form sent from a page that had expired (CSRF) never shows Django's bare "CSRF
verification failed" page: back to the form, or to the login page when the session expired,
with a message in the person's language."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

SITE = "http://testserver"


@pytest.fixture
def browser():
    """A client that checks CSRF tokens as the real site does."""
    return Client(enforce_csrf_checks=True)


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_an_expired_login_form_goes_back_to_the_login_page(browser):
    login = reverse("account_login") + "?next=/staff/households/"

    response = in_language(browser, "en").post(
        reverse("account_login"), {"login": "a@example.invalid", "password": "x"},
        HTTP_REFERER=SITE + login)

    assert response.status_code == 302
    assert response["Location"] == login
    assert texts(response) == ["The page was open for too long. Nothing was saved. Please "
                               "send the form again."]


@pytest.mark.django_db
def test_after_the_session_expired_the_login_page_leads_back_to_the_form(browser):
    form_page = "/staff/households/?q=rossi"

    response = in_language(browser, "it").post(reverse("account_logout"), {},
                                               HTTP_REFERER=SITE + form_page)

    assert response.status_code == 302
    assert response["Location"] == ("/accounts/login/?next=%2Fstaff%2Fhouseholds%2F%3Fq%3D"
                                     "rossi")
    assert texts(response) == ["È passato troppo tempo e sei uscito da CASA. Accedi di nuovo. "
                               "Non abbiamo salvato nulla."]


@pytest.mark.django_db
def test_a_logged_in_person_goes_back_to_the_form_with_a_message(browser, make_user):
    user = make_user("community_manager")
    browser.force_login(user)

    response = in_language(browser, "en").post(reverse("account_logout"), {},
                                               HTTP_REFERER=SITE + "/staff/households/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/households/"
    assert texts(response) == ["The page was open for too long. Nothing was saved. Please "
                               "send the form again."]
    # Nothing the expired form asked for was done: still logged in.
    assert browser.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("referer", [None, "https://evil.example/staff/households/",
                                     "//evil.example/", "javascript:alert(1)"])
def test_without_a_page_of_ours_to_go_back_to_a_page_in_casas_layout_explains(browser,
                                                                              referer):
    headers = {"HTTP_REFERER": referer} if referer else {}

    response = in_language(browser, "en").post(reverse("account_login"), {}, **headers)

    html = response.content.decode()
    assert response.status_code == 403
    assert "CSRF verification failed" not in html and "Forbidden" not in html
    assert "<h1>The page had expired</h1>" in html
    assert 'class="it-header-wrapper"' in html  # the base layout
    assert 'href="/accounts/login/"' in html
    assert "evil.example" not in html


@pytest.mark.django_db
def test_an_htmx_request_is_sent_to_the_page_rather_than_swapped(browser, make_user):
    browser.force_login(make_user("community_manager"))

    response = browser.post(reverse("account_logout"), {},
                            HTTP_REFERER=SITE + "/staff/households/", HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == "/staff/households/"


@pytest.mark.django_db
def test_a_form_with_its_token_is_not_affected(browser, make_user):
    browser.force_login(make_user("community_manager"))
    page = in_language(browser, "it").get("/staff/households/")
    token = page.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": token},
                            HTTP_REFERER=SITE + "/staff/households/")

    assert response.status_code == 302
    assert "_auth_user_id" not in browser.session
    assert not any("scadut" in text for text in texts(response))  # no "expired" message
