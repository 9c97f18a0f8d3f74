"""The two-factor pages (setting up TOTP, entering the code at login) use CASA's layout and
show errors next to the code field."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def log_in_and_confirm_password(client, user):
    # allauth asks for the password again before an authenticator is added.
    client.post(reverse("account_login"), {"login": user.email, "password": "test-pass-123"})
    client.post(reverse("account_reauthenticate"), {"password": "test-pass-123"})


@pytest.mark.django_db
def test_the_authenticator_setup_page_shows_the_qr_code_in_the_casa_layout(english, make_user):
    log_in_and_confirm_password(english, make_user("community_manager"))

    response = english.get(reverse("mfa_activate_totp"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<main id="main"' in html
    assert "Set up two-factor authentication" in html
    assert 'src="data:image/svg+xml' in html
    assert 'id="authenticator_secret"' in html


@pytest.mark.django_db
def test_a_wrong_setup_code_is_shown_next_to_the_code_field(english, make_user):
    log_in_and_confirm_password(english, make_user("community_manager"))
    english.get(reverse("mfa_activate_totp"))

    response = english.post(reverse("mfa_activate_totp"), {"code": "000000"})

    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_code-error"' in html and 'role="alert"' in html


@pytest.mark.django_db
def test_a_user_with_an_authenticator_is_asked_for_the_code_after_the_password(english,
                                                                              make_user):
    user = make_user("auditor")
    TOTP.activate(user, generate_totp_secret())

    response = english.post(reverse("account_login"),
                            {"login": user.email, "password": "test-pass-123"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert "Two-factor authentication" in html
    assert 'name="code"' in html and '<main id="main"' in html
