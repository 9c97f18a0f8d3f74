"""Italian is complete: every message has a translation, the compiled catalogue matches the
.po file, and no message in the code is missing from the catalogue."""

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "it" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def read_po(path):
    """{(context, msgid): [msgstr, ...]} and the set of fuzzy keys, from a .po file."""
    entries, fuzzy = {}, set()
    current, field, flags = {}, None, ""

    def finish():
        if "msgid" in current and current["msgid"]:
            key = (current.get("msgctxt"), current["msgid"])
            entries[key] = [value for name, value in sorted(current.items())
                            if name.startswith("msgstr")]
            if "fuzzy" in flags:
                fuzzy.add(key)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            current, field, flags = {}, None, ""
        elif line.startswith("#,"):
            flags = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += ast.literal_eval(line)
        else:
            field, _, text = line.partition(" ")
            current[field] = ast.literal_eval(text)
    return entries, fuzzy


def test_every_message_has_an_italian_translation():
    entries, fuzzy = read_po(PO)

    untranslated = [msgid for (_, msgid), strings in entries.items() if not all(strings)]
    assert entries
    assert untranslated == []
    assert fuzzy == set()


def test_the_compiled_catalogue_matches_the_po_file():
    entries, _ = read_po(PO)
    with MO.open("rb") as stream:
        catalogue = gettext.GNUTranslations(stream)

    for (context, msgid), strings in entries.items():
        if len(strings) == 1:
            lookup = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
            assert lookup == strings[0], f"{msgid!r}: recompile with `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed")
def test_no_message_in_the_code_is_missing_from_the_catalogue(tmp_path):
    shutil.copytree(ROOT / "casa", tmp_path / "casa",
                    ignore=shutil.ignore_patterns("static", "__pycache__"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path)

    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "it", "--no-obsolete"],
                   cwd=tmp_path, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "DEBUG": "1",
                        "CASA_VAR_DIR": str(tmp_path / "var")})

    fresh, _ = read_po(tmp_path / "locale" / "it" / "LC_MESSAGES" / "django.po")
    committed, _ = read_po(PO)
    missing = sorted(msgid for _, msgid in set(fresh) - set(committed))
    assert missing == [], "run `make messages` and translate the new messages"
