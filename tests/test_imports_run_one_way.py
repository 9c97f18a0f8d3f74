"""The arrows between apps run one way: core knows no domain (not even the accounts and their
roles: the accounts app declares them to core), accounts know only core, the register and the
other apps below the energy contribution do not import it, and no app imports the portal,
which sits above them all. Checked on every import in the source, including those inside
functions and in tests; `lint-imports` (.importlinter) holds the same layers for the code it
loads."""

import ast
from pathlib import Path

import pytest

CASA = Path(__file__).resolve().parent.parent / "casa"


def imported_casa_apps(app):
    """{(file, imported app)} for every `casa.<app>` module imported by `app`'s files."""
    found = set()
    for path in (CASA / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "casa" and len(parts) > 1 and parts[1] != app:
                    found.add((str(path.relative_to(CASA)), parts[1]))
    return found


# app -> the CASA apps it may import (besides itself).
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "registry": {"core", "accounts"},
    "notifications": {"core", "accounts", "registry"},
    "energy": {"core", "accounts", "registry", "notifications"},
    # Issue 9: beside the energy contribution, each independent of the others; appointments
    # above the hubs.
    "notices": {"core", "accounts", "registry", "notifications"},
    "events": {"core", "accounts", "registry", "notifications"},
    "hubs": {"core", "accounts", "registry", "notifications"},
    "appointments": {"core", "accounts", "registry", "notifications", "hubs"},
    # Issue 10: problem reports, beside notices and events.
    "reports": {"core", "accounts", "registry", "notifications"},
    # Issue 11 (i11care): the care staff's work opens problem reports, so it sits above them.
    "care": {"core", "accounts", "registry", "notifications", "reports"},
    # Issue 11: FSE+ participants, above appointments; the apps that give support tell it
    # through casa.registry.signals and never import it.
    "participants": {"core", "accounts", "registry", "notifications", "energy", "notices",
                     "events", "hubs", "appointments", "reports"},
    # Issue 11: case files, beside the other domains; never the energy app (a link by URL name).
    "casework": {"core", "accounts", "registry", "notifications"},
    # Issue 11 (activities): group activities at the hubs, above the events they may reuse.
    "activities": {"core", "accounts", "registry", "notifications", "events"},
    "portal": {"core", "accounts", "registry", "notifications", "energy", "notices", "events",
               "hubs", "appointments", "reports", "participants",
               # Issue 11 (activities): the demo seed's activities.
               "activities",
               # Issue 11: the Community Manager's day (i11day) and the demo seed (i11demo) read
               # case files and the care staff's work.
               "casework", "care",
               # Issue 13 (spidui): seed_demo names the test identity provider.
               "spid"},
    # Issue 13: SPID and CIE login, which finds tenants in the register.
    "spid": {"core", "accounts", "registry"},
}


def test_every_app_is_in_the_table():
    apps = {path.parent.name for path in CASA.glob("*/apps.py")}
    assert apps == set(ALLOWED)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = sorted((path, other) for path, other in imported_casa_apps(app)
                   if other not in ALLOWED[app])
    assert wrong == []
