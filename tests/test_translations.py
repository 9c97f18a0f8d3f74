"""The catalogues are complete (issue 12): Italian has every message; Arabic, Spanish, French,
Chinese and Romanian every message of the tenant side (TENANT_SOURCES); no translation drops,
adds or misspells a placeholder or a tag; each compiled catalogue matches its .po file; no
message in the code is missing; the PDFs' fonts have every character the summaries write.

English is the language of the source (the msgids): it needs no catalogue."""

import ast
import fnmatch
import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "it" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The tenant side's other languages (casa/core/languages.py), by locale directory.
TENANT_LOCALES = ["ar", "es", "fr", "zh_Hans", "ro"]
PLURAL_FORMS = {"it": 2, "ar": 6, "es": 2, "fr": 2, "zh_Hans": 1, "ro": 3}

# What a tenant reads: the templates of their pages and messages, and the Python modules
# whose messages reach them (labels, statuses, errors, explanations). Globs over the
# catalogue's references (#: path:line). A message found in any of them must be translated
# in every tenant language. tests/browser/test_tenant_pages_have_no_accessibility_violations.py
# fails when a tenant page renders a template that is not listed here.
TENANT_SOURCES = [
    # Pages
    "casa/templates/base.html", "casa/templates/40*.html", "casa/templates/429.html",
    "casa/templates/500.html", "casa/templates/account/*", "casa/templates/mfa/*",
    "casa/templates/allauth/*", "casa/templates/core/sw.js",
    "casa/templates/core/accessibility.html", "casa/templates/core/privacy.html",
    "casa/templates/core/csrf_failure.html", "casa/templates/core/includes/*",
    "casa/templates/core/offline.html", "casa/templates/core/refused_input.html",
    "casa/templates/appointments/book.html", "casa/templates/appointments/callback_new.html",
    "casa/templates/appointments/includes/picker.html",
    "casa/templates/appointments/includes/hub_panel.html", "casa/templates/appointments/my_*.html",
    "casa/templates/casework/tenant/*",
    "casa/templates/energy/apply/_*.html", "casa/templates/energy/apply/check.html",
    "casa/templates/energy/apply/form.html", "casa/templates/energy/apply/household.html",
    "casa/templates/energy/apply/status.html", "casa/templates/energy/includes/status.html",
    "casa/templates/energy/tenant_call.html", "casa/templates/energy/pdf/_*_summary.html",
    "casa/templates/events/includes/*", "casa/templates/events/my_*.html",
    "casa/templates/hubs/hub_list.html", "casa/templates/hubs/hub_page.html",
    "casa/templates/hubs/includes/*", "casa/templates/notices/my_*.html",
    "casa/templates/appointments/includes/callback_fields.html",
    "casa/templates/energy/includes/field.html",
    "casa/templates/notifications/inbox.html", "casa/templates/notifications/message.html",
    "casa/templates/portal/home.html", "casa/templates/portal/my_home.html",
    "casa/templates/portal/includes/energy_line.html",
    "casa/templates/reports/check.html", "casa/templates/reports/includes/*",
    "casa/templates/reports/my_*.html", "casa/templates/reports/new.html",
    # Issue 13 (spidui): SPID and CIE login. The test identity provider's pages
    # (spid/test_idp*.html) are the demo's and the tests', Italian and English only.
    "casa/spid/templates/spid/refused.html", "casa/spid/templates/spid/not_recognised.html",
    "casa/spid/templates/spid/includes/*",
    # Messages (app, e-mail, SMS)
    "casa/templates/notifications/appointments/*", "casa/templates/notifications/energy/*",
    "casa/templates/notifications/events/*", "casa/templates/notifications/notices/*",
    "casa/templates/notifications/reports/received.txt",
    "casa/templates/notifications/reports/resolved.txt",
    "casa/templates/notifications/reports/split.txt",
    "casa/templates/notifications/reports/updated.txt",
    # Python: forms, statuses and labels, errors, explanations
    "casa/accounts/adapter.py", "casa/accounts/forms.py", "casa/accounts/throttle.py",
    "casa/accounts/models.py", "casa/settings.py", "casa/core/languages.py",
    "casa/core/forms.py", "casa/core/money.py", "casa/core/paging.py", "casa/core/text.py",
    "casa/core/uploads.py", "casa/core/views.py",
    "casa/appointments/forms.py", "casa/appointments/models.py",
    "casa/appointments/services.py", "casa/appointments/views.py",
    "casa/casework/models.py", "casa/casework/services.py",
    "casa/energy/applying.py", "casa/energy/appeals.py", "casa/energy/attachments.py",
    "casa/energy/decisions.py", "casa/energy/explain.py", "casa/energy/forms.py",
    "casa/energy/home.py", "casa/energy/models.py", "casa/energy/parameters.py",
    "casa/energy/payments.py", "casa/energy/recoveries.py", "casa/energy/selectors.py",
    "casa/energy/services.py", "casa/energy/workflow.py",
    "casa/energy/views/apply.py", "casa/energy/views/apply_forms.py",
    "casa/energy/views/appeals.py", "casa/energy/views/answers.py",
    "casa/events/forms.py", "casa/events/models.py", "casa/events/services.py",
    "casa/events/views.py",
    "casa/hubs/holidays.py", "casa/hubs/models.py", "casa/hubs/services.py",
    "casa/hubs/views.py",
    "casa/notices/models.py", "casa/notices/services.py", "casa/notices/views.py",
    "casa/notifications/models.py",
    "casa/portal/home.py", "casa/registry/models.py",
    "casa/reports/categories.py", "casa/reports/forms.py", "casa/reports/models.py",
    "casa/reports/rules.py", "casa/reports/services.py", "casa/reports/views.py",
]

# Documents a tenant gets that are Italian whatever their language, the binding text (their
# summary in the tenant's language is energy/pdf/_*_summary.html, above).
ITALIAN_ONLY = ["casa/templates/core/pdf_base.html", "casa/templates/energy/pdf/receipt.html",
                "casa/templates/energy/pdf/decision_letter.html"]

# %(name)s, %s, %d, {name}, an HTML tag or entity: what a translation must keep.
MARKS = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}|</?[a-zA-Z][^>]*>|&\w+;")


def catalogue(locale):
    return ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"


def is_tenant_side(path):
    return any(fnmatch.fnmatch(path, pattern) for pattern in TENANT_SOURCES)


def read_po(path, references=None, plurals=None):
    """{(context, msgid): [msgstr, ...]} and the set of fuzzy keys, from a .po file. Given a
    dict `references`, fills it with {key: [source path, ...]}; `plurals` with {key: plural}."""
    entries, fuzzy = {}, set()
    current, field, flags, paths = {}, None, "", []

    def finish():
        if "msgid" in current and current["msgid"]:
            key = (current.get("msgctxt"), current["msgid"])
            entries[key] = [value for name, value in sorted(current.items())
                            if name.startswith("msgstr")]
            if "fuzzy" in flags:
                fuzzy.add(key)
            if references is not None:
                references[key] = list(paths)
            if plurals is not None and "msgid_plural" in current:
                plurals[key] = current["msgid_plural"]

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            current, field, flags, paths = {}, None, "", []
        elif line.startswith("#,"):
            flags = line
        elif line.startswith("#:"):
            paths.extend(reference.rsplit(":", 1)[0] for reference in line[2:].split())
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


@pytest.mark.parametrize("locale", TENANT_LOCALES)
def test_every_tenant_message_is_translated(locale):
    references = {}
    entries, fuzzy = read_po(catalogue(locale), references)
    tenant_side = [key for key, paths in references.items()
                   if any(is_tenant_side(path) for path in paths)]

    untranslated = [msgid for key in tenant_side for (_, msgid) in [key]
                    if not all(entries[key]) or key in fuzzy]
    assert len(tenant_side) > 1500  # the globs still match the catalogue's references
    assert untranslated == [], f"{len(untranslated)} tenant messages untranslated in {locale}"


@pytest.mark.parametrize("locale", ["it", *TENANT_LOCALES])
def test_translations_keep_the_placeholders_and_tags_of_the_source(locale):
    plurals = {}
    entries, _ = read_po(catalogue(locale), plurals=plurals)
    header = catalogue(locale).read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert f"nplurals={PLURAL_FORMS[locale]};" in header

    wrong = []
    for (context, msgid), strings in entries.items():
        if (context, msgid) in plurals:
            source = set(MARKS.findall(msgid)) | set(MARKS.findall(plurals[context, msgid]))
            if len(strings) != PLURAL_FORMS[locale]:
                wrong.append((msgid, "plural forms", len(strings)))
            # A form for one exact count may say "one" rather than %(count)s: never a mark
            # the source lacks, and the form for most counts (the last) keeps them all.
            for form in filter(None, strings):
                if not set(MARKS.findall(form)) <= source:
                    wrong.append((msgid, form))
            if strings[-1] and set(MARKS.findall(strings[-1])) != source:
                wrong.append((msgid, strings[-1]))
        elif strings[0] and sorted(MARKS.findall(strings[0])) != sorted(MARKS.findall(msgid)):
            wrong.append((msgid, strings[0]))
    assert wrong == []


@pytest.mark.parametrize("locale", ["it", *TENANT_LOCALES])
def test_the_compiled_catalogue_matches_the_po_file(locale):
    entries, fuzzy = read_po(catalogue(locale))
    with catalogue(locale).with_suffix(".mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)

    for (context, msgid), strings in entries.items():
        if len(strings) == 1 and strings[0] and (context, msgid) not in fuzzy:
            lookup = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            assert lookup == strings[0], f"{msgid!r}: recompile with `make messages`"


@pytest.mark.parametrize("locale, font", [("zh_Hans", "NotoSansSC-Regular.ttf"),
                                          ("ar", "NotoSansArabic-Regular.ttf")])
def test_the_pdf_font_has_every_character_of_the_catalogue(locale, font):
    """A summary in Chinese or Arabic is drawn with a cut of Noto (scripts/subset_pdf_fonts.py):
    a translation with a character the cut lacks would print a blank box."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(ROOT / "casa" / "core" / "static" / "vendor" / "noto" / font).getBestCmap()
    entries, _ = read_po(catalogue(locale))
    # Latin-1 (digits, ², €...) is drawn with Titillium Web, the documents' own font.
    written = {char for strings in entries.values() for text in strings for char in text
               if ord(char) > 0xFF}
    missing = sorted(char for char in written
                     if ord(char) not in cmap and not 0x2000 <= ord(char) <= 0x206F)
    assert missing == [], "run `make frontend` to cut the font again"


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
