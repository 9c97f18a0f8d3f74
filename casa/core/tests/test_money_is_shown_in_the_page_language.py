"""Money is shown one way, in the page's language: 3.524,48 € in Italian, 3,524.48 € in
English, from Python code (format_euro) and templates (the euro filter) alike."""

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from casa.core.money import format_amount, format_euro

TEMPLATES = Path(settings.BASE_DIR) / "casa" / "templates"
NBSP = "\u00a0"


@pytest.mark.parametrize(("language", "shown"), [("it", f"3.524,48{NBSP}€"),
                                                 ("en", f"3,524.48{NBSP}€")])
def test_an_amount_is_written_in_the_language_asked_for(language, shown):
    assert format_euro(Decimal("3524.48"), language) == shown
    with translation.override(language):
        assert format_euro(Decimal("3524.48")) == shown
        assert Template("{% load casa %}{{ x|euro }}").render(
            Context({"x": Decimal("3524.48")})) == shown


def test_amounts_are_rounded_to_the_cent_half_up_and_nothing_shows_a_dash():
    assert format_euro("0.125", "it") == f"0,13{NBSP}€"
    assert format_euro(Decimal("-12"), "it") == f"-12,00{NBSP}€"
    assert format_euro(1234567, "it") == f"1.234.567,00{NBSP}€"
    assert format_euro(None) == format_euro("") == "—"


def test_an_input_value_has_no_currency_and_groups_thousands():
    assert format_amount(Decimal("9360.01"), "it") == "9.360,01"
    assert format_amount(Decimal("9360.01"), "it", grouping=False) == "9360,01"
    assert format_amount(Decimal("9360.01"), "en") == "9,360.01"


def test_no_template_writes_a_raw_value_next_to_the_euro_sign():
    raw = re.compile(r"\}\}\s*(?:&nbsp;)?€|€\s*(?:&nbsp;)?\{\{")
    offenders = [str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*")
                 if path.suffix in {".html", ".txt"} and raw.search(path.read_text())]
    assert offenders == []


def _imported_modules(path: Path, package: Path):
    """Every module `path` imports, relative imports resolved to their full name."""
    # The package holding the module (for an __init__.py, the package itself).
    parts = list(path.relative_to(package.parent).parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[:len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            # `from casa.core import templatetags` or `from django.template import
            # defaultfilters` import the module by its last name.
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _is_a_template_filter(module: str) -> bool:
    names = module.split(".")
    return any(name.startswith("templatetags") for name in names) or (
        names[:3] == ["django", "template", "defaultfilters"])


def test_python_code_formats_money_with_format_euro_not_the_template_filter():
    """Domain code formats with casa.core.money; only template tag libraries (and tests) may
    import one another or Django's filters."""
    package = Path(settings.BASE_DIR) / "casa"
    offenders = {}
    for path in package.rglob("*.py"):
        inside = path.relative_to(package).parts
        if any(part in {"templatetags", "tests"} for part in inside[:-1]):
            continue
        bad = sorted(m for m in _imported_modules(path, package) if _is_a_template_filter(m))
        if bad:
            offenders[str(path.relative_to(package))] = bad
    assert offenders == {}
