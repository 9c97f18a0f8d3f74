"""The documented production profile (docs/deployment.md) passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

from tests.test_production_fails_closed import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env, tmp_path):
    base = {"PATH": os.environ["PATH"], "CASA_VAR_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base | env,
                          capture_output=True, text=True, timeout=120)


def test_the_production_profile_passes_check_deploy_with_no_warnings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION,
                        tmp_path=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", env={"DEBUG": "0"}, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_turns_on_https_and_two_factor_for_staff(tmp_path):
    code = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.CASA_REQUIRE_STAFF_MFA)")

    result = run_manage("shell", "-c", code, env=PRODUCTION, tmp_path=tmp_path)

    assert result.stdout.splitlines()[-1].split() == ["True", "True", "True", "True"], result.stderr
