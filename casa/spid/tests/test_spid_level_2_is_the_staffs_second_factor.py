"""A staff member who logs in with SPID at level 2 (password and one-time code at the identity
provider) has passed two factors: CASA does not ask for its own second factor. The same staff
member logging in with CASA's password still is (casa/accounts/tests)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import override_settings
from django.urls import reverse

from conftest import FISCAL_CODES

from .conftest import log_in_with_spid


@pytest.fixture
def officer(make_user):
    with override_settings(CASA_REQUIRE_STAFF_MFA=True):
        user = make_user("benefit_officer", fiscal_code=FISCAL_CODES[3])
        TOTP.activate(user, generate_totp_secret())
        assert Authenticator.objects.filter(user=user).exists()
        yield user


def test_a_spid_login_at_level_2_opens_the_back_office_without_casas_code(client, register,
                                                                         providers, officer):
    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[3])

    assert response.status_code == 302
    assert not response["Location"].startswith("/accounts/2fa/")
    assert int(client.session["_auth_user_id"]) == officer.pk
    assert client.get(reverse("registry:household_search")).status_code == 200


def test_the_same_staff_member_with_a_password_alone_is_asked_for_the_code(client, officer):
    client.force_login(officer)

    response = client.get(reverse("registry:household_search"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
