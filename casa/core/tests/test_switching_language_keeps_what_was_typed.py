"""Switching language on a form keeps what was typed (never a password), for that page and that
person only, once; a search keeps its terms in the address. No JavaScript involved."""

import html
import re
import time

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from casa.core import drafts


def language_button(page_html, language):
    """The formaction of the header's button for `language`, as the browser would use it."""
    actions = re.findall(r'formaction="([^"]+)"', page_html)
    [action] = [html.unescape(a) for a in actions if f"language={language}" in a]
    return action


def input_value(page_html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page_html)
    value = re.search(r'value="([^"]*)"', match.group(0)) if match else None
    return html.unescape(value.group(1)) if value else None


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def get_in(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


@pytest.mark.django_db
def test_the_email_typed_on_the_login_page_stays_when_switching_to_english(browser):
    page = get_in(browser, "/accounts/login/?next=/energy/", "it").content.decode()
    assert 'form="login-form"' in page and 'id="login-form"' in page
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    switched = browser.post(language_button(page, "en"), {
        "login": "maria.rossi@example.invalid", "password": "secret-password-1",
        "csrfmiddlewaretoken": token})

    assert switched.status_code == 302
    assert switched["Location"] == "/accounts/login/?next=/energy/"
    assert "secret-password-1" not in str(browser.session.get(drafts.SESSION_KEY))
    again = browser.get(switched["Location"]).content.decode()
    assert '<html lang="en" dir="ltr">' in again
    assert input_value(again, "login") == "maria.rossi@example.invalid"
    assert not input_value(again, "password")
    # Once: reloading the page shows the form as it comes.
    assert input_value(browser.get("/accounts/login/").content.decode(), "login") is None


@pytest.mark.django_db
def test_a_switch_without_the_form_token_keeps_nothing(browser):
    page = get_in(browser, "/accounts/login/", "it").content.decode()

    refused = browser.post(language_button(page, "en"), {"login": "planted@example.invalid"},
                           HTTP_REFERER="http://testserver/accounts/login/")

    assert refused.status_code == 302  # back to the page, with a message (see CSRF tests)
    assert drafts.SESSION_KEY not in browser.session
    assert settings.LANGUAGE_COOKIE_NAME not in refused.cookies


@pytest.mark.django_db
def test_a_forged_note_is_ignored(client):
    response = client.post(f"{reverse('core:switch_language')}?draft=forged&language=en",
                           {"login": "x@example.invalid"})

    assert response["Location"] == "/"
    assert drafts.SESSION_KEY not in client.session


@pytest.mark.django_db
def test_an_external_next_address_is_never_followed(client):
    response = client.post(reverse("core:switch_language"),
                           {"language": "en", "next": "https://evil.example/"})

    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_household_search_keeps_its_terms_in_the_address(browser, make_user):
    browser.force_login(make_user("community_manager"))
    page = get_in(browser, "/staff/households/", "it").content.decode()
    assert 'form="household-search"' in page

    # A GET form has no CSRF token: this switch stores nothing, so it needs none.
    switched = browser.post(language_button(page, "en"), {"q": "Rossi Via", "band": "accesso"})

    assert switched.status_code == 302
    assert switched["Location"] == "/staff/households/?band=accesso&q=Rossi+Via"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    again = browser.get(switched["Location"]).content.decode()
    assert '<html lang="en" dir="ltr">' in again
    assert input_value(again, "q") == "Rossi Via"


# --- The draft itself -------------------------------------------------------------------------

class PaymentForm(forms.Form):
    name = forms.CharField()
    pin = forms.CharField(widget=forms.PasswordInput)
    document = forms.FileField(required=False)
    urgent = forms.BooleanField(required=False, initial=True)
    bands = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False,
                                      widget=forms.CheckboxSelectMultiple)


def request_for(path, *, user=None, session=None, method="get", data=None):
    factory = RequestFactory()
    request = factory.post(path, data or {}) if method == "post" else factory.get(path)
    request.user = user or AnonymousUser()
    request.session = session if session is not None else SessionStore()
    return request


def switch_from(path, data, *, user=None, session=None, form_class=PaymentForm):
    """The switch posting the form's typed values from `path`."""
    page = request_for(path, user=user, session=session)
    drafts.with_draft(page, form_class(), "payment")
    note = drafts.read_note(page.casa_language_switch.note)
    posted = request_for(path, user=user, session=page.session, method="post", data=data)
    drafts.keep_draft(posted, note)
    return posted.session


@pytest.mark.django_db
def test_the_draft_comes_back_once_on_the_same_page_for_the_same_person(make_user):
    user = make_user("tenant")
    session = switch_from("/pay/", {"name": "Rossi", "pin": "1234", "bands": ["a", "b"]},
                          user=user)
    assert "1234" not in str(session[drafts.SESSION_KEY])

    form = drafts.with_draft(request_for("/pay/", user=user, session=session), PaymentForm(),
                             "payment")

    assert form.initial == {"name": "Rossi", "urgent": False, "bands": ["a", "b"]}
    assert not form.is_bound
    again = drafts.with_draft(request_for("/pay/", user=user, session=session), PaymentForm(),
                              "payment")
    assert again.initial == {}


@pytest.mark.django_db
def test_a_draft_does_not_leak_to_another_page_or_person(make_user):
    session = switch_from("/pay/", {"name": "Rossi"}, user=make_user("tenant"))

    other_page = drafts.with_draft(request_for("/other/", session=session), PaymentForm(),
                                   "payment")
    other_person = drafts.with_draft(
        request_for("/pay/", user=make_user("tenant"), session=session), PaymentForm(),
        "payment")

    assert other_page.initial == {} and other_person.initial == {}


@pytest.mark.django_db
def test_a_draft_expires_after_a_few_minutes():
    session = switch_from("/pay/", {"name": "Rossi"})
    for draft in session[drafts.SESSION_KEY].values():
        draft["at"] = time.time() - drafts.DRAFT_SECONDS - 1

    form = drafts.with_draft(request_for("/pay/", session=session), PaymentForm(), "payment")

    assert form.initial == {}


@pytest.mark.django_db
def test_an_amount_typed_in_italian_comes_back_in_english_as_the_same_amount():
    from decimal import Decimal

    from django.utils import translation

    from casa.core.forms import MoneyField

    class IseeForm(forms.Form):
        isee = MoneyField()

    session = SessionStore()
    with translation.override("it"):
        session = switch_from("/isee/", {"isee": "12.000"}, session=session,
                              form_class=IseeForm)
    with translation.override("en"):
        form = drafts.with_draft(request_for("/isee/", session=session), IseeForm(), "isee")
        assert form.initial == {"isee": Decimal("12000.00")}
        assert 'value="12,000.00"' in str(form["isee"])


@pytest.mark.django_db
def test_a_search_switch_saves_the_language_only_from_the_persons_own_page(browser,
                                                                          make_user):
    """The GET-form switch has no CSRF token: a note made on another person's page (a forged
    request) changes this browser's language, never the account's (issue 12 saves it)."""
    manager, other = make_user("community_manager"), make_user("community_manager")
    browser.force_login(other)
    forged = language_button(get_in(browser, "/staff/households/", "it").content.decode(),
                             "en")
    browser.force_login(manager)
    own = language_button(get_in(browser, "/staff/households/", "it").content.decode(), "en")

    browser.post(forged, {"q": "Rossi"})
    manager.refresh_from_db()
    assert manager.language == ""

    browser.post(own, {"q": "Rossi"})
    manager.refresh_from_db()
    assert manager.language == "en"
