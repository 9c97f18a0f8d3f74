"""The Django admin has no login page of its own: /admin/login/ leads to CASA's login (with its
limits on wrong passwords and the second factor) and never reads a password."""

from django.urls import reverse

PASSWORD = "test-pass-123"  # conftest.make_user's


def administrator(make_user):
    user = make_user("admin")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_the_admin_login_page_leads_to_the_casa_login(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/accounts/user/"


def test_the_admin_sends_visitors_to_the_casa_login(client, db):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/admin/"


def test_a_password_sent_to_the_admin_login_logs_nobody_in(client, make_user):
    user = administrator(make_user)

    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD,
                                             "next": "/admin/"})

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_an_administrator_already_logged_in_goes_on_to_the_admin(client, make_user):
    client.force_login(administrator(make_user))

    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.url == "/admin/accounts/user/"


def test_someone_logged_in_without_admin_rights_is_refused(client, make_user):
    client.force_login(make_user("tenant", fiscal_code="RSSMRA80A01F205X"))

    assert client.get("/admin/login/").status_code == 403
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403
