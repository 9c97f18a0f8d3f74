"""The demo tests' seed, made once per test module instead of once per test.

`seed_demo` costs several seconds; the modules that check what it made ran it for each of
their tests. `demo_seed` runs it once for a module inside a transaction that is rolled back
after the module's last test, and each test still runs in its own nested transaction (the
`db` fixture's savepoint), so what a test changes is gone before the next one. A module says
how big its register is with `SEED_ARGS` (default: 300 households) and the language it is
told in with `SEED_LANGUAGE` (default Italian).

Every test of such a module must take `seeded`: a test that takes only `db` would run inside
the module's transaction, with the seed in it. A test that seeds on its own goes in a module
of its own (test_demo_seed_is_the_same_in_every_database.py)."""

import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class _RolledBack(Exception):
    pass


@pytest.fixture(scope="module")
def demo_seed(request, django_db_setup, django_db_blocker):
    """(what seed_demo printed, the folder its stored files are in)."""
    args = getattr(request.module, "SEED_ARGS", ["--households", "300"])
    media = Path(tempfile.mkdtemp(prefix="casa-demo-media-"))
    out = StringIO()
    language = getattr(request.module, "SEED_LANGUAGE", "it")
    with django_db_blocker.unblock(), translation.override(language), \
            override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                call_command("seed_demo", *args, stdout=out)
                yield out.getvalue(), media
                raise _RolledBack
        except _RolledBack:
            pass
        finally:
            shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def seeded(db, settings, demo_seed):
    """What seed_demo printed; the test reads the seed's stored files (photos) too."""
    printed, media = demo_seed
    settings.MEDIA_ROOT = media
    return printed
