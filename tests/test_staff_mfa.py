from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import override_settings
from django.urls import reverse


@override_settings(CASA_REQUIRE_STAFF_MFA=True)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(make_user, client):
    client.force_login(make_user("community_manager"))

    response = client.get(reverse("registry:household_search"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


@override_settings(CASA_REQUIRE_STAFF_MFA=True)
def test_staff_with_totp_reach_the_back_office(make_user, client):
    officer = make_user("benefit_officer")
    TOTP.activate(officer, generate_totp_secret())
    client.force_login(officer)

    response = client.get(reverse("registry:household_search"))

    assert response.status_code == 200


@override_settings(CASA_REQUIRE_STAFF_MFA=True)
def test_tenants_are_not_asked_for_an_authenticator(make_user, client, register):
    client.force_login(make_user("tenant", fiscal_code="RSSMRA80A01F205X"))

    response = client.get(reverse("portal:my_home"))

    assert response.status_code == 200
