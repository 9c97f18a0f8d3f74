"""Staff pass their authenticator (TOTP) in every session: a session that has the password
alone, however it got it, is sent to the second-factor page from every staff page, the API
and the admin, and cannot read recovery codes or remove the authenticator."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import override_settings
from django.urls import reverse

PASSWORD = "test-pass-123"  # conftest.make_user's

pytestmark = pytest.mark.usefixtures("staff_mfa_required")


@pytest.fixture
def staff_mfa_required():
    with override_settings(CASA_REQUIRE_STAFF_MFA=True):
        yield


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def sent_to_second_factor(response):
    return response.status_code == 302 and response.url.startswith(
        reverse("mfa_reauthenticate") + "?next=")


def test_a_password_only_session_is_sent_to_the_second_factor_everywhere(make_user, client,
                                                                         register):
    administrator = make_user("admin")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    with_totp(administrator)
    client.force_login(administrator)  # a session with no second factor in it

    for url in (reverse("registry:household_search"), reverse("core:audit_trail"),
                reverse("admin:index"), reverse("admin:accounts_user_changelist")):
        assert sent_to_second_factor(client.get(url)), url
    api = client.get(reverse("api:household_list"))
    assert api.status_code == 403
    assert api.json() == {"detail": "Two-factor authentication required"}


def test_the_password_alone_at_the_login_page_opens_no_session(make_user, client):
    officer = make_user("benefit_officer")
    with_totp(officer)

    response = client.post(reverse("account_login"),
                           {"login": officer.email, "password": PASSWORD})

    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("registry:household_search")).url.startswith(
        reverse("account_login"))


def test_a_password_only_session_cannot_read_recovery_codes_or_remove_the_authenticator(
        make_user, client):
    officer = make_user("benefit_officer")
    with_totp(officer)
    client.force_login(officer)
    # allauth asks for the password before these pages: even with it confirmed...
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    assert sent_to_second_factor(client.get(reverse("mfa_view_recovery_codes")))
    assert sent_to_second_factor(client.get(reverse("mfa_index")))
    assert sent_to_second_factor(client.post(reverse("mfa_deactivate_totp")))
    assert Authenticator.objects.filter(user=officer, type="totp").exists()


def test_the_code_on_the_second_factor_page_opens_the_back_office(make_user, client,
                                                                  register):
    officer = make_user("benefit_officer")
    secret = with_totp(officer)
    client.force_login(officer)
    search = reverse("registry:household_search")

    response = client.post(f"{reverse('mfa_reauthenticate')}?next={search}",
                           {"code": current_code(secret)})

    assert response.url == search
    assert client.get(search).status_code == 200


def test_the_login_with_password_and_code_reaches_the_back_office_and_the_admin(make_user,
                                                                                client,
                                                                                register):
    administrator = make_user("admin")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    secret = with_totp(administrator)

    client.post(reverse("account_login"), {"login": administrator.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert client.session["_auth_user_id"] == str(administrator.pk)
    assert client.get(reverse("registry:household_search")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("api:household_list")).status_code == 200


def test_staff_without_an_authenticator_are_sent_to_set_one_up(make_user, client):
    client.force_login(make_user("community_manager"))

    response = client.get(reverse("registry:household_search"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


# allauth announces the new authenticator once the transaction commits: in the request, as in
# production (no ATOMIC_REQUESTS), only outside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_setting_up_the_authenticator_passes_the_second_factor(make_user, client, register):
    client.force_login(make_user("community_manager"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response.url == reverse("mfa_view_recovery_codes")
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("registry:household_search")).status_code == 200


def test_tenants_are_not_asked_for_an_authenticator(make_user, client, register):
    client.force_login(make_user("tenant", fiscal_code="RSSMRA80A01F205X"))

    response = client.get(reverse("portal:my_home"))

    assert response.status_code == 200


def test_the_second_factor_page_asks_for_the_code_and_offers_no_way_round_it(make_user,
                                                                            client):
    officer = make_user("benefit_officer")
    with_totp(officer)
    client.force_login(officer)

    response = client.get(reverse("registry:household_search"), follow=True)

    html = response.content.decode()
    assert response.status_code == 200 and '<main id="main"' in html
    assert 'name="code"' in html and 'name="next" value="/staff/households/"' in html
    assert reverse("account_reauthenticate") not in html
