"""Build the front-end files CASA serves from the vendored Bootstrap Italia (frontend/): only the
CSS rules, icons and font characters that CASA's pages use. Python only, no Node.js.

    .venv/bin/python scripts/build_frontend.py          # write the files
    .venv/bin/python scripts/build_frontend.py --check  # exit 1 if they are out of date

Run it (`make frontend-build`) after adding a Bootstrap Italia class or icon to a template:
tests/test_front_end_is_built_from_the_pages.py fails until the files are rebuilt.

- CSS: a rule of the full stylesheet is kept when every class and id its selector names (outside
  `:not()`) is a word found in CASA's templates, Python code or JavaScript (as PurgeCSS does);
  custom properties nobody reads and unused @keyframes are dropped. A class built from pieces in
  a template (`alert-{{ level }}`) goes in SAFELIST.
- Icons: the sprite keeps the symbols whose id is a word of the sources (`{% icon "it-user" %}`).
- The right-to-left CSS: the same cut of frontend/'s rtlcss build (scripts/update-frontend.sh).
- Fonts: Titillium Web cut to the characters of Italian and English text (Latin-1, punctuation,
  the euro sign, arrows); other characters fall back to the system font (unicode-range).
"""

import argparse
import re
import sys
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "frontend" / "bootstrap-italia"
STATIC = ROOT / "casa" / "core" / "static"
OUT = STATIC / "vendor" / "bootstrap-italia"
CSS_OUT = OUT / "css" / "bootstrap-italia.casa.min.css"
# The right-to-left build (Arabic, issue 12): rtlcss's mirror of the whole CSS, cut the same way.
RTL_CSS_OUT = OUT / "css" / "bootstrap-italia.casa.rtl.min.css"
SPRITE_OUT = OUT / "svg" / "sprites.casa.svg"
FONTS_OUT = OUT / "fonts" / "Titillium_Web"

# Where CASA names classes and icons. Everything under casa/ except tests and migrations.
SOURCE_GLOBS = ["casa/**/*.html", "casa/**/*.py", "casa/**/static/casa/**/*.js",
                "casa/**/*.txt"]
# Classes a template builds from pieces: messages and allauth's alerts and badges.
SAFELIST = {f"{prefix}-{colour}" for prefix in ("alert", "bg", "text", "badge", "btn")
            for colour in ("primary", "secondary", "success", "info", "warning", "danger")}

# The characters of Italian and English text; U+2190-2193 for the arrows of the audit trail.
UNICODES = ("U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,"
            "U+2074,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD")
FONT_FILES = ["300", "300italic", "regular", "italic", "600", "600italic", "700", "700italic"]

WORD = re.compile(r"[A-Za-z0-9_-]+")
SELECTOR_NAME = re.compile(r"[.#](-?[_a-zA-Z][_a-zA-Z0-9-]*)")
CUSTOM_PROPERTY_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
ANIMATION_NAME = re.compile(r"animation(?:-name)?\s*:([^;}]*)")


def source_files():
    for pattern in SOURCE_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or "vendor" in parts:
                continue
            yield path


def used_words():
    words = set(SAFELIST)
    for path in source_files():
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


# --- CSS --------------------------------------------------------------------------------------

def _split_selectors(prelude):
    """The selectors of a rule's prelude, split at the commas outside brackets."""
    selectors, depth, current = [], 0, []
    for token in prelude:
        if token.type in ("function", "() block", "[] block"):
            current.append(token)
            continue
        if token.type == "literal" and token.value == "," and depth == 0:
            selectors.append(current)
            current = []
            continue
        current.append(token)
    selectors.append(current)
    return [tinycss2.serialize(selector).strip() for selector in selectors]


def _names_outside_not(selector):
    without = re.sub(r":not\([^()]*(\([^()]*\)[^()]*)*\)", "", selector)
    without = re.sub(r"\[[^\]]*\]", "", without)  # attribute values may hold dots
    return SELECTOR_NAME.findall(without)


def _selector_used(selector, words):
    return all(name in words for name in _names_outside_not(selector))


def _purge_rules(rules, words):
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _selector_used(s, words)]
            if selectors:
                kept.append(("rule", ",".join(selectors), tinycss2.serialize(rule.content)))
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            if rule.content is None:
                kept.append(("at", f"@{rule.at_keyword} {prelude};", None))
            elif name in ("media", "supports", "layer", "container"):
                inner = _purge_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                              skip_whitespace=True), words)
                if inner:
                    kept.append(("block", f"@{rule.at_keyword} {prelude}", inner))
            else:  # @keyframes, @font-face, @page: whole (unused keyframes dropped later)
                kept.append(("rule", f"@{rule.at_keyword} {prelude}",
                             tinycss2.serialize(rule.content)))
    return kept


def _declarations(body):
    return [d for d in tinycss2.parse_blocks_contents(body, skip_comments=True,
                                                      skip_whitespace=True)
            if d.type == "declaration"]


def _serialize(rules, drop_properties=frozenset(), drop_keyframes=frozenset()):
    out = []
    for kind, head, body in rules:
        if kind == "at":
            out.append(head)
        elif kind == "block":
            inner = _serialize(body, drop_properties, drop_keyframes)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            name = head.split(None, 1)[-1].strip()
            if head.lower().startswith(("@keyframes", "@-webkit-keyframes")) \
                    and name in drop_keyframes:
                continue
            out.append(f"{head}{{{body}}}")
        else:
            if drop_properties and "--" in body:
                declarations = [d for d in _declarations(body)
                                if d.name not in drop_properties]
                if not declarations:
                    continue
                body = ";".join(
                    f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                    f"{'!important' if d.important else ''}" for d in declarations)
            out.append(f"{head}{{{body}}}")
    return "".join(out)


def _custom_properties(rules):
    defined = set()
    for kind, head, body in rules:
        if kind == "block":
            defined |= _custom_properties(body)
        elif kind == "rule" and not head.startswith("@") and "--" in body:
            defined |= {d.name for d in _declarations(body) if d.name.startswith("--")}
    return defined


def purge_css(css, words):
    """The rules of `css` whose selectors name only classes and ids in `words`."""
    rules = _purge_rules(tinycss2.parse_stylesheet(css, skip_comments=True,
                                                   skip_whitespace=True), words)
    defined = _custom_properties(rules)
    dropped = set()
    while True:  # a property read only by dropped properties goes too
        text = _serialize(rules, frozenset(dropped))
        read = set(CUSTOM_PROPERTY_USE.findall(text))
        unread = (defined - read) - dropped
        if not unread:
            break
        dropped |= unread
    animations = set()
    for value in ANIMATION_NAME.findall(text):
        animations.update(WORD.findall(value))
    keyframes = {head.split(None, 1)[-1].strip() for _kind, head, _body in rules
                 if head.lower().startswith(("@keyframes", "@-webkit-keyframes"))}
    text = _serialize(rules, frozenset(dropped), frozenset(keyframes - animations))
    banner = ("/*! Bootstrap Italia 2 (BSD-3-Clause), Bootstrap 5 (MIT): the rules CASA uses, "
              "built by scripts/build_frontend.py */\n")
    return banner + text + "\n"


# --- Icons ------------------------------------------------------------------------------------

SYMBOL = re.compile(r'<symbol id="([^"]+)".*?</symbol>', re.S)


def subset_sprite(svg, words):
    symbols = [match.group(0) for match in SYMBOL.finditer(svg) if match.group(1) in words]
    return '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"


# --- Fonts ------------------------------------------------------------------------------------

def subset_fonts():
    from fontTools import subset

    FONTS_OUT.mkdir(parents=True, exist_ok=True)
    for weight in FONT_FILES:
        # The whole fonts stay beside the cut ones: PDF letters embed them (casa/core/pdf.py).
        source = FONTS_OUT / f"titillium-web-v10-latin-ext_latin-{weight}.woff2"
        target = FONTS_OUT / f"titillium-web-{weight}.casa.woff2"
        subset.main([str(source), f"--unicodes={UNICODES}", "--flavor=woff2",
                     "--layout-features=kern,liga,calt,ccmp,locl,mark,mkmk",
                     "--no-hinting", "--desubroutinize", f"--output-file={target}"])


# --- The build --------------------------------------------------------------------------------

def built_files():
    """{path: text} of the files that depend on the sources (CSS and icons)."""
    words = used_words()
    css = (SOURCE / "css" / "bootstrap-italia.min.css").read_text(encoding="utf-8-sig")
    rtl_css = (SOURCE / "css" / "bootstrap-italia.rtl.min.css").read_text(encoding="utf-8-sig")
    svg = (SOURCE / "svg" / "sprites.svg").read_text(encoding="utf-8")
    return {CSS_OUT: purge_css(css, words), RTL_CSS_OUT: purge_css(rtl_css, words),
            SPRITE_OUT: subset_sprite(svg, words)}


def out_of_date():
    return [path for path, text in built_files().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the built files are up to date")
    args = parser.parse_args()
    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"Out of date: {path.relative_to(ROOT)} (run make frontend-build)")
        sys.exit(1 if stale else 0)
    for path, text in built_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(text.encode()) / 1024:.1f} KB")
    subset_fonts()
    for path in sorted(FONTS_OUT.glob("*.casa.woff2")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
