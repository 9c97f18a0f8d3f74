"""Loaded by pytest before Django (`-p casa.testing` in pyproject.toml): tests run in the
laptop profile whatever the shell exported, with their files under var/test."""

import os
from pathlib import Path

os.environ["DEBUG"] = "1"
os.environ.setdefault("CASA_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test"))
