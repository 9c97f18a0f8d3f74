"""A tenant whose account has no e-mail (SPID/CIE gave none) opens the e-mail page, reads that
they have none and where their messages go, and adds one through the usual change: their
password again, then the code sent to the new address."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

from casa.accounts.models import Role, User
from conftest import FISCAL_CODES

PASSWORD = "a-long-enough-pass-2026"
NEW = "mario.rossi@example.invalid"


def test_the_email_page_says_there_is_none_and_an_address_can_be_added(client, db):
    tenant = User.objects.create_user(email=None, password=PASSWORD, role=Role.TENANT,
                                      fiscal_code=FISCAL_CODES[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(tenant)

    page = client.get(reverse("account_email"))

    assert page.status_code == 200
    assert "You have no e-mail address yet" in page.content.decode()

    response = client.post(reverse("account_email"), {"action_add": "", "email": NEW})
    if response.url.startswith(reverse("account_reauthenticate")):
        response = client.post(response.url, {"password": PASSWORD})
    assert response.url == reverse("account_email_verification_sent")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    client.post(reverse("account_email_verification_sent"), {"code": code})

    tenant.refresh_from_db()
    assert tenant.email == NEW
    client.logout()
    client.post(reverse("account_login"), {"login": NEW, "password": PASSWORD})
    assert "_auth_user_id" in client.session
