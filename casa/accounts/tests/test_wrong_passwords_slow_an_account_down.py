"""Wrong passwords slow an account down with growing delays; they never lock it. The right
password after the wait logs in, and a reset link sent by e-mail gets in during the wait."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from casa.accounts import throttle

PASSWORD = "test-pass-123"  # conftest.make_user's


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


def error_codes(response):
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def fail(client, email, times, clock=None):
    """`times` wrong passwords, each checked (with `clock`, after waiting as asked)."""
    for _ in range(times):
        if clock is not None:
            clock.advance(throttle.delay_after(throttle.failures(email), free=5, first=30,
                                               longest=900))
        response = login(client, email, "not-the-password")
        assert error_codes(response) == ["email_password_mismatch"]


def test_the_delay_grows_from_30_seconds_to_at_most_15_minutes():
    delays = [throttle.delay_after(failures, free=5, first=30, longest=900)
              for failures in range(1, 13)]
    assert delays == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


def test_after_five_wrong_passwords_even_the_right_one_waits_30_seconds(
        english_client, make_user, clock):
    officer = make_user("benefit_officer")
    fail(english_client, officer.email, 5)

    response = login(english_client, officer.email, PASSWORD)

    assert not logged_in(english_client)
    assert ("Too many wrong passwords for this account. Try again in 30 seconds, or use "
            "“Forgot your password?” to receive a link by e-mail.") in response.content.decode()


def test_the_right_password_after_the_wait_logs_in_and_forgets_the_failures(
        client, make_user, clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fail(client, tenant.email, 5)
    clock.advance(31)

    login(client, tenant.email, PASSWORD)

    assert client.session["_auth_user_id"] == str(tenant.pk)
    assert throttle.failures(tenant.email) == 0


def test_each_further_wrong_password_doubles_the_wait(english_client, make_user, clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fail(english_client, tenant.email, 5)
    waits = []
    for _ in range(6):
        fail(english_client, tenant.email, 1, clock)
        response = login(english_client, tenant.email, PASSWORD)
        waits.append(re.search(r"Try again in (\d+ \w+)", response.content.decode()).group(1))

    assert waits == ["1 minute", "2 minutes", "4 minutes", "8 minutes", "15 minutes",
                     "15 minutes"]
    clock.advance(15 * 60)
    login(english_client, tenant.email, PASSWORD)
    assert logged_in(english_client)


def test_attempts_during_the_wait_do_not_lengthen_it(client, make_user, clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fail(client, tenant.email, 5)
    for _ in range(20):  # someone keeps trying during the 30 seconds
        clock.advance(1)
        login(client, tenant.email, "not-the-password")
    assert throttle.failures(tenant.email) == 5

    clock.advance(11)
    login(client, tenant.email, PASSWORD)

    assert logged_in(client)


def test_the_wait_holds_one_account_only(client, make_user, clock):
    slowed = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    other = make_user("tenant", fiscal_code="BNCLRA85M41F205C")
    fail(client, slowed.email, 5)

    login(client, other.email, PASSWORD)

    assert client.session["_auth_user_id"] == str(other.pk)


def test_the_address_is_the_same_account_in_capitals(client, make_user, clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fail(client, tenant.email.upper(), 5)

    login(client, tenant.email, PASSWORD)

    assert not logged_in(client)


def test_a_reset_link_sent_by_e_mail_gets_in_during_the_wait(client, make_user, clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    fail(client, tenant.email, 7, clock)  # now a 2-minute wait

    client.post(reverse("account_reset_password"), {"email": tenant.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)",
                     mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    response = client.post(form.redirect_chain[-1][0], {
        "password1": "a-new-long-password-26", "password2": "a-new-long-password-26"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(tenant.pk)  # logged in by the link
    assert throttle.failures(tenant.email) == 0
    client.logout()
    login(client, tenant.email, "a-new-long-password-26")  # and the new password works now
    assert logged_in(client)


def test_the_current_password_asked_to_change_it_counts_with_the_logins(client, make_user,
                                                                       clock):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    client.force_login(tenant)
    for _ in range(5):  # a session left open is no way around the limits
        client.post(reverse("account_change_password"), {
            "oldpassword": "a-guess", "password1": "a-new-long-password-26",
            "password2": "a-new-long-password-26"})

    assert throttle.failures(tenant.email) == 5
    client.logout()
    login(client, tenant.email, PASSWORD)
    assert not logged_in(client)
    tenant.refresh_from_db()
    assert tenant.check_password(PASSWORD)


def test_a_flood_of_other_logins_does_not_wipe_an_accounts_failures(db, clock):
    """The database cache deletes a third of its entries, in key order, once it holds more
    than its MAX_ENTRIES: at Django's default of 300, anyone trying a few hundred addresses
    would reset the count of the account they are guessing."""
    victim = next(email for email in (f"victim{n}@example.invalid" for n in range(1000))
                  if throttle._key(email).split(":")[-1].startswith("00"))
    for _ in range(5):
        throttle.claim(victim)
    for number in range(400):
        throttle.claim(f"someone-{number}@example.invalid")

    assert throttle.failures(victim) == 5
