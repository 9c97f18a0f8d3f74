"""A tenant logs in with SPID through the real SAML flow (the test identity provider), and the
first login makes their account from the register."""

from casa.accounts.models import User
from casa.core.models import AuditEvent
from conftest import FISCAL_CODES

from .conftest import log_in_with_spid


def test_a_current_member_logs_in_and_gets_an_account(client, register, providers):
    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(fiscal_code=FISCAL_CODES[0])
    assert user.is_tenant and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Mario", "Rossi")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditEvent.objects.filter(action="login", actor=user).exists()


def test_an_unknown_fiscal_code_gets_the_not_recognised_page(client, register, providers):
    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[3])

    assert response.status_code == 403
    assert "spid/not_recognised.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(fiscal_code=FISCAL_CODES[3]).exists()
    event = AuditEvent.objects.get(action="login_failed")
    assert event.target_id == f"CF:{FISCAL_CODES[3]}"


def test_a_former_member_with_an_account_is_not_recognised(client, register, providers,
                                                           make_user):
    import datetime as dt

    from casa.registry.models import Member

    make_user("tenant", fiscal_code=FISCAL_CODES[0])
    Member.objects.filter(fiscal_code=FISCAL_CODES[0]).update(ended_on=dt.date.today())

    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    assert response.status_code == 403
    assert "spid/not_recognised.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_a_member_of_a_household_whose_tenancy_ended_is_not_recognised(client, register,
                                                                       providers):
    import datetime as dt

    household = register["households"]["H001"]
    household.tenancy_end = dt.date.today()
    household.save()

    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    assert response.status_code == 403
    assert not User.objects.filter(fiscal_code=FISCAL_CODES[0]).exists()


def test_a_staff_member_logs_in_as_themselves_without_a_household(client, register,
                                                                  providers, make_user):
    staff = make_user("benefit_officer", fiscal_code=FISCAL_CODES[3])

    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[3])

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk


def test_a_disabled_account_is_refused(client, register, providers, make_user):
    user = make_user("tenant", fiscal_code=FISCAL_CODES[0])
    user.is_active = False
    user.save()

    response = log_in_with_spid(client, providers["spid"], FISCAL_CODES[0])

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_first_login_keeps_the_providers_email_and_mobile(client, register, providers):
    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0], email="mario@example.org",
                     mobile_phone="+393331234567")

    user = User.objects.get(fiscal_code=FISCAL_CODES[0])
    assert (user.email, user.mobile_phone) == ("mario@example.org", "+393331234567")


def test_an_email_another_account_uses_is_not_taken(client, register, providers, make_user):
    make_user("benefit_officer", email="mario@example.org")

    log_in_with_spid(client, providers["spid"], FISCAL_CODES[0], email="Mario@Example.org")

    user = User.objects.get(fiscal_code=FISCAL_CODES[0])
    assert user.email is None
    assert "_auth_user_id" in client.session
