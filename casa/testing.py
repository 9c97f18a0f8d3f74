"""Loaded by pytest before Django (`-p casa.testing` in pyproject.toml): tests run in the
laptop profile whatever the shell exported, with their files under var/test."""

import os
from pathlib import Path

os.environ["DEBUG"] = "1"
# Tests count SMS in memory (LocmemSmsProvider), not in a file.
os.environ.setdefault("CASA_SMS_BACKEND", "casa.notifications.channels.LocmemSmsProvider")
os.environ.setdefault("CASA_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test"))
