"""The sentence registry: an app describes its own record types, notes and command actors
(casa/<app>/audit_trail.py, found at start-up); core gives every other type a generic
sentence and never imports a domain app."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from casa.core import audit_search, audit_sentences
from casa.core.audit import audit_event
from casa.core.audit_sentences import RecordSentences, register, register_note

CORE = Path(audit_sentences.__file__).parent
DOMAIN_APPS = ("casa.accounts", "casa.registry", "casa.energy", "casa.notifications",
               "casa.portal")


@pytest.fixture
def scratch_type():
    """A record type registered by this test only."""
    yield "tests.scratch"
    audit_sentences._sentences.pop("tests.scratch", None)


def test_the_apps_modules_are_found_at_start_up():
    registered = set(audit_sentences._sentences)

    assert {"core.auditevent", "accounts.user", "registry.household", "registry.member",
            "registry.iseedeclaration", "registry.heatingcharge", "registry.import",
            "notifications.message"} <= registered
    assert {"household", "person"} <= set(audit_search._subject_searches)
    assert "import_registry" in audit_sentences.known_actors()


def test_an_app_registers_a_builder_for_its_type(scratch_type, english):
    @register(scratch_type)
    class ScratchSentences(RecordSentences):
        type_label = "scratch"

        def record(self, event):
            return f"the scratch {event.target_id}"

    event = audit_event(actor="import_registry", action="create", target_type=scratch_type,
                        target_id="S1", changes={"colour": [None, "blue"]})

    assert audit_sentences.sentence(event) == (
        "import_registry created the scratch S1: colour: blue")


def test_a_type_cannot_be_registered_twice():
    with pytest.raises(ImproperlyConfigured):
        register("registry.household")(RecordSentences)


def test_an_unregistered_type_reads_with_the_generic_sentence(english):
    event = audit_event(actor="system", action="update", target_type="elsewhere.thing",
                        target_id="T-1", changes={"state": ["open", "closed"]})

    assert audit_sentences.sentence(event) == (
        "The system updated elsewhere.thing T-1: state open → closed")


def test_notes_are_translated_exactly_or_by_prefix(english):
    register_note("tests.prefix ", lambda rest: f"for {rest}", prefix=True)
    try:
        event = audit_event(actor="system", action="view", target_type="registry.household",
                            target_id="H001", note="tests.prefix call 7")
        assert audit_sentences.sentence(event) == (
            "The system viewed household H001 (for call 7)")
    finally:
        audit_sentences._note_prefixes.pop()


def test_core_imports_no_domain_app():
    offenders = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {name}" for name in names
                          if name.startswith(DOMAIN_APPS)]
    assert offenders == []
