"""Wrong passwords are limited per client address, the address taken from the trusted proxy
settings (CASA_CLIENT_IP_HEADER, CASA_TRUSTED_PROXY_COUNT; REMOTE_ADDR without them): behind a
reverse proxy, a burst of wrong passwords from some clients does not shut out the others."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "test-pass-123"  # conftest.make_user's
PROXY = "10.0.0.2"
UNKNOWN_ACCOUNTS = (f"nobody-{number}@example.invalid" for number in itertools.count())


def login(client, email, password, **headers):
    client.logout()
    response = client.post(reverse("account_login"), {"login": email, "password": password},
                           REMOTE_ADDR=PROXY, **headers)
    return response, "_auth_user_id" in client.session


def wrong_passwords(client, count, **headers):
    """`count` wrong passwords, each for another (unknown) account, so that no account waits."""
    for _ in range(count):
        response, logged_in = login(client, next(UNKNOWN_ACCOUNTS), "wrong", **headers)
        assert not logged_in and response.status_code == 200


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_31_wrong_passwords_from_other_clients_behind_the_proxy_shut_out_nobody(client,
                                                                               make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    for number in range(31):
        wrong_passwords(client, 1, HTTP_X_REAL_IP=f"203.0.113.{number + 1}")

    _, logged_in = login(client, tenant.email, PASSWORD, HTTP_X_REAL_IP="198.51.100.7")

    assert logged_in


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_30_wrong_passwords_a_minute_from_one_client_hold_that_client_only(client, make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    wrong_passwords(client, 30, HTTP_X_REAL_IP="203.0.113.9")

    response, logged_in = login(client, tenant.email, PASSWORD, HTTP_X_REAL_IP="203.0.113.9")
    assert not logged_in
    assert ("Troppe password sbagliate dalla tua rete. Attendi un minuto e riprova."
            in response.content.decode())

    _, logged_in = login(client, tenant.email, PASSWORD, HTTP_X_REAL_IP="198.51.100.7")
    assert logged_in


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_with_one_trusted_proxy_the_address_it_appended_counts_not_what_the_client_wrote(
        client, make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    # The client writes a new address at the start of X-Forwarded-For each time; the proxy
    # appends the one it saw, always the same.
    for number in range(30):
        wrong_passwords(client, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}, 203.0.113.9")

    _, logged_in = login(client, tenant.email, PASSWORD,
                         HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.9")
    assert not logged_in
    _, logged_in = login(client, tenant.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert logged_in


def test_without_proxy_settings_the_connection_address_counts_and_headers_are_ignored(
        client, make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")
    for number in range(30):
        wrong_passwords(client, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}",
                        HTTP_X_REAL_IP=f"192.0.2.{number + 1}")

    _, logged_in = login(client, tenant.email, PASSWORD, HTTP_X_REAL_IP="198.51.100.7")

    assert not logged_in


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_request_without_the_configured_header_is_counted_under_its_sender(client,
                                                                            make_user):
    tenant = make_user("tenant", fiscal_code="RSSMRA80A01F205X")

    response, logged_in = login(client, tenant.email, PASSWORD)

    assert logged_in and response.status_code == 302


def test_the_proxy_settings_come_from_the_environment(tmp_path):
    env = {"PATH": os.environ["PATH"], "CASA_VAR_DIR": str(tmp_path), "DEBUG": "1",
           "CASA_CLIENT_IP_HEADER": "X-Real-IP", "CASA_TRUSTED_PROXY_COUNT": "2"}
    code = ("from django.conf import settings as s; "
            "print(s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER, s.ALLAUTH_TRUSTED_PROXY_COUNT)")

    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)

    assert result.stdout.splitlines()[-1].split() == ["X-Real-IP", "2"], result.stderr


def test_past_60_login_forms_a_minute_the_client_gets_a_page_in_its_language(client, db):
    for _ in range(60):
        login(client, next(UNKNOWN_ACCOUNTS), "wrong")

    response, _ = login(client, next(UNKNOWN_ACCOUNTS), "wrong")

    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Troppe richieste</h1>" in html and '<main id="main"' in html
