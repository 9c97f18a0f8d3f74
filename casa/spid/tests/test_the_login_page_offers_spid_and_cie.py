"""The login page offers "Entra con SPID", with the list of the identity providers the registry
offers, and "Entra con CIE"; each is a form posting to spid:login with the provider and the
page's `next`. Without any provider (a fresh database) it says SPID is not available yet."""

import re

from django.urls import reverse

from casa.spid.models import IdentityProvider, Kind

UNAVAILABLE = "Per ora non puoi entrare con SPID"


def login_page(client, query=""):
    response = client.get(reverse("account_login") + query)
    assert response.status_code == 200
    return response.content.decode()


def provider_forms(html):
    """{provider pk: the `next` its form carries} for each SPID or CIE login form."""
    forms = re.findall(r'<form method="post" action="/spid/login/"[^>]*>(.*?)</form>', html,
                       re.DOTALL)
    found = {}
    for form in forms:
        pk = int(re.search(r'name="idp" value="(\d+)"', form).group(1))
        following = re.search(r'name="next" value="([^"]*)"', form)
        found[pk] = following.group(1) if following else None
    return found


def test_each_offered_provider_is_a_button_posting_to_spid_login(client, providers):
    html = login_page(client, "?next=/energy/")

    assert "Entra con SPID" in html and "Entra con CIE" in html
    assert provider_forms(html) == {providers["spid"].pk: "/energy/",
                                    providers["cie"].pk: "/energy/"}
    assert "CASA test SPID provider" in html
    assert UNAVAILABLE not in html


def test_a_known_provider_shows_its_logo_named_for_screen_readers(client, providers):
    IdentityProvider.objects.create(entity_id="https://posteid.poste.it", kind=Kind.SPID,
                                    name="Poste Italiane SpA",
                                    sso_url="https://posteid.poste.it/jod-fs/ssoservicepost")

    html = login_page(client)

    assert re.search(r'<img src="[^"]*/vendor/spid/spid-idp-posteid\.svg" '
                     r'alt="Poste Italiane SpA"', html)


def test_a_provider_turned_off_disappears(client, providers):
    providers["spid"].active = False
    providers["spid"].save()

    html = login_page(client)

    assert "Entra con SPID" not in html
    assert provider_forms(html) == {providers["cie"].pk: None}


def test_the_test_providers_are_not_offered_where_they_are_not_allowed(client, providers,
                                                                      settings):
    settings.CASA_SPID_TEST_IDP = False

    html = login_page(client)

    assert provider_forms(html) == {}
    assert UNAVAILABLE in html


def test_without_providers_the_page_says_spid_is_not_available_yet(client, db):
    html = login_page(client)

    assert provider_forms(html) == {}
    assert "Entra con SPID" not in html
    assert UNAVAILABLE in html
    assert 'id="login-form"' in html  # the password stays


def test_the_button_leads_to_the_identity_provider(client, providers):
    html = login_page(client, "?next=/energy/")
    pk = next(pk for pk in provider_forms(html) if pk == providers["spid"].pk)

    response = client.post(reverse("spid:login"), {"idp": pk, "next": "/energy/"})

    assert response.status_code == 302
    assert response["Location"].startswith(providers["spid"].sso_url)
