"""With DEBUG off, CASA refuses to start while a setting is still at its laptop default, and says
which variable to set; manage.py never falls back to the laptop profile on its own. Each case
loads the settings (or runs the command) in a child process with a controlled environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The production variables of docs/deployment.md, with made-up values.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "casa.example.org",
    "SITE_URL": "https://casa.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "CASA <casa@example.org>",
    "CASA_SEPA_DEBTOR_IBAN": "IT42L1234512345123456789012",
    "CASA_SEPA_DEBTOR_BIC": "BPPIITRRXXX",
    "CASA_PHONE_HEATING_FAULTS": "800 000 001",
    "CASA_PHONE_ALER_EMERGENCY": "800 000 002",
    # Issue 13: read when CASA first signs a SPID message, not when the settings load.
    "CASA_SPID_KEY_FILE": "/etc/casa/spid/sp.key",
    "CASA_SPID_CERT_FILE": "/etc/casa/spid/sp.crt",
    "CASA_SPID_IPA_CODE": "aler_mi",
}


def run(args, env, tmp_path):
    """`args` run from the project folder with only PATH, a scratch folder and `env`."""
    base = {"PATH": os.environ["PATH"], "CASA_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'casa.sqlite3'}"}
    return subprocess.run(args, cwd=ROOT, env=base | env, capture_output=True, text=True,
                          timeout=120)


def load_settings(env, tmp_path):
    return run([sys.executable, "-c", "import casa.settings"], env, tmp_path)


def without(*names, **changes):
    return {key: value for key, value in PRODUCTION.items() if key not in names} | changes


def test_the_production_variables_load(tmp_path):
    result = load_settings(PRODUCTION, tmp_path)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("env", "named"), [
    (without("SECRET_KEY"), "SECRET_KEY is not set"),
    # No e-mail configuration at all: the console backend.
    (without("EMAIL_BACKEND", "EMAIL_HOST"), "EMAIL_BACKEND is django.core.mail.backends."
                                             "console.EmailBackend"),
    (without(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"),
     "EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend"),
    (without(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
     "EMAIL_BACKEND is django.core.mail.backends.locmem.EmailBackend"),
    (without("EMAIL_HOST"), "EMAIL_HOST is not set"),
    (without("DEFAULT_FROM_EMAIL"), "DEFAULT_FROM_EMAIL is"),
    (without("SITE_URL"), "SITE_URL is http://127.0.0.1:8000"),
    (without(SITE_URL="http://localhost:8000"), "SITE_URL is http://localhost:8000"),
    (without(SITE_URL="https://127.0.0.1"), "SITE_URL is https://127.0.0.1"),
    (without("CASA_SEPA_DEBTOR_IBAN"), "CASA_SEPA_DEBTOR_IBAN is the placeholder"),
    (without(CASA_SEPA_DEBTOR_IBAN="IT60X0542811101000000123456"),
     "CASA_SEPA_DEBTOR_IBAN is the placeholder"),
    (without(CASA_SEPA_DEBTOR_IBAN="IT00X0542811101000000123456"),
     "CASA_SEPA_DEBTOR_IBAN is not a valid IBAN"),
    (without("CASA_SEPA_DEBTOR_BIC"), "CASA_SEPA_DEBTOR_BIC is the placeholder"),
    (without(CASA_SPID_TEST_IDP="1"), "CASA_SPID_TEST_IDP is on"),
    (without("CASA_SPID_KEY_FILE"), "CASA_SPID_KEY_FILE and CASA_SPID_CERT_FILE are not set"),
    (without("CASA_SPID_CERT_FILE"), "CASA_SPID_KEY_FILE and CASA_SPID_CERT_FILE are not set"),
    (without("CASA_SPID_IPA_CODE"), "CASA_SPID_IPA_CODE is not set"),
])
def test_a_laptop_default_left_stops_the_settings_and_is_named(env, named, tmp_path):
    result = load_settings(env, tmp_path)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_every_laptop_default_left_is_named_at_once(tmp_path):
    result = load_settings({"DEBUG": "0"}, tmp_path)

    assert result.returncode != 0
    for name in ("SECRET_KEY", "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "SITE_URL",
                 "CASA_SEPA_DEBTOR_IBAN", "CASA_SEPA_DEBTOR_BIC"):
        assert f"- {name} " in result.stderr


def test_the_laptop_profile_keeps_its_defaults(tmp_path):
    code = ("from django.conf import settings as s; "
            "print(s.EMAIL_BACKEND.rsplit('.', 2)[1], s.SITE_URL)")

    result = run([sys.executable, "-c", "import django; django.setup(); " + code],
                 {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "casa.settings"}, tmp_path)

    assert result.stdout.split() == ["filebased", "http://127.0.0.1:8000"], result.stderr


def test_manage_py_without_secret_key_or_debug_refuses_to_run(tmp_path):
    """A cron job that lost its environment: no DEBUG, no SECRET_KEY. It must not run in the
    laptop profile (console e-mail, placeholder account)."""
    result = run([sys.executable, "manage.py", "send_pending_messages"], {}, tmp_path)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("command", [
    [sys.executable, "manage.py", "send_pending_messages"],
    [sys.executable, "manage.py", "energy_payment_run", "--call", "energia-2025-26"],
    [sys.executable, "manage.py", "db_worker", "--batch"],
    # The web server: gunicorn loads the application and exits.
    [str(Path(sys.executable).parent / "gunicorn"), "casa.wsgi", "--check-config"],
], ids=["send_pending_messages", "energy_payment_run", "db_worker", "gunicorn"])
def test_each_process_of_a_server_refuses_to_start_with_the_console_backend(command, tmp_path):
    result = run(command, without("EMAIL_BACKEND", "EMAIL_HOST"), tmp_path)

    assert result.returncode != 0
    assert "EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend" in (
        result.stdout + result.stderr)


def test_only_makemigrations_runs_without_the_production_variables(tmp_path):
    """It reads the models and writes nothing but migration files: a bare `makemigrations
    --check` answers; the commands that serve, send or change data still refuse."""
    bare = {"DEBUG": "0"}
    result = run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
                 bare, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    for command in (["migrate", "--noinput"], ["run_periodic"], ["check"]):
        refused = run([sys.executable, "manage.py", *command], bare, tmp_path)
        assert refused.returncode != 0
        assert "SECRET_KEY is not set" in refused.stderr
