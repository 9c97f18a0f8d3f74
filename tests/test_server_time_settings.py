"""What keeps a request cheap on the server (bench/server_time.py): database connections are
kept between requests, SQLite included, and static URLs are worked out once per process."""

import subprocess
import sys
from pathlib import Path

from tests.test_production_fails_closed import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent


def settings_value(expression, env, tmp_path):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "CASA_VAR_DIR": str(tmp_path),
                                 "DJANGO_SETTINGS_MODULE": "casa.settings", **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sqlite_connections_are_kept_between_requests(tmp_path):
    """Opening an SQLite connection costs more CPU than a tenant's page; production on SQLite
    (a small agency) keeps them as PostgreSQL does."""
    for env in ({"DEBUG": "1"}, PRODUCTION):
        assert settings_value("settings.DATABASES['default']['CONN_MAX_AGE']", env,
                              tmp_path) == "60"


def test_each_static_url_is_worked_out_once_per_process(tmp_path, monkeypatch):
    from casa.core import storage

    (tmp_path / "casa").mkdir()
    (tmp_path / "staticfiles.json").write_text(
        '{"version": "1.1", "paths": {"casa/casa.css": "casa/casa.0123456789ab.css"}, '
        '"hash": "x"}')
    files = storage.StaticFilesStorage(location=tmp_path, base_url="/static/")
    looked_up = []
    real = storage.CompressedManifestStaticFilesStorage.url
    monkeypatch.setattr(storage.CompressedManifestStaticFilesStorage, "url",
                        lambda self, name, force=False: looked_up.append(name)
                        or real(self, name, force))

    urls = {files.url("casa/casa.css") for _ in range(5)}

    assert urls == {"/static/casa/casa.0123456789ab.css"}
    assert looked_up == ["casa/casa.css"]


def test_production_serves_static_files_through_casas_storage(tmp_path):
    assert settings_value("settings.STORAGES['staticfiles']['BACKEND']", PRODUCTION,
                          tmp_path) == "casa.core.storage.StaticFilesStorage"
