"""Apps declare their capabilities and record types with core's permission layer; a name nobody
declared is refused loudly, at import or at startup, never silently allowed."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from casa.core import access
from casa.core.access import (
    CAPABILITIES,
    RECORD_TYPES,
    AccessMiddleware,
    allow,
    can,
    capabilities_check,
    declare_capabilities,
    declare_record_types,
    declare_roles,
)


def test_a_view_naming_an_unknown_capability_fails_at_import():
    with pytest.raises(ValueError, match="energy.no_such_thing"):
        allow("energy.no_such_thing")


def test_asking_about_an_unknown_capability_raises_instead_of_answering_no(make_user):
    with pytest.raises(LookupError):
        can(make_user("admin"), "registry.no_such_thing")


def test_a_capability_declared_again_with_other_roles_is_refused():
    declare_capabilities({"registry.view_household": CAPABILITIES["registry.view_household"]})
    with pytest.raises(ValueError, match="declared twice"):
        declare_capabilities({"registry.view_household": {"tenant"}})
    with pytest.raises(ValueError, match="unknown roles"):
        declare_capabilities({"casework.open_case": {"caretaker"}})


def test_a_record_type_must_name_a_declared_capability():
    with pytest.raises(ValueError, match="unknown capability"):
        declare_record_types({"casework.case": "casework.view_cases"})
    assert "casework.case" not in RECORD_TYPES


def test_a_view_decorated_before_the_apps_loaded_is_checked_when_the_server_starts(
    monkeypatch,
):
    monkeypatch.setattr(access, "_NAMED_BEFORE_READY", {"casework.view_cases"})

    assert [error.id for error in capabilities_check()] == ["casa.E001"]
    with pytest.raises(ImproperlyConfigured, match="casework.view_cases"):
        AccessMiddleware(lambda request: None)


def test_the_roles_are_declared_by_the_app_that_owns_the_users_not_by_core():
    assert "core.view_audit_trail" in CAPABILITIES
    assert {"tenant", "auditor", "admin"} <= access.ROLES
    assert "tenant" not in access.STAFF_ROLES and "auditor" in access.STAFF_ROLES
    with pytest.raises(ValueError, match="declared twice"):
        declare_roles(["tenant", "admin"], staff=["admin"])


def test_without_declared_roles_the_server_does_not_start(monkeypatch):
    monkeypatch.setattr(access, "ROLES", set())

    assert [error.id for error in capabilities_check()] == ["casa.E001"]
    with pytest.raises(ImproperlyConfigured, match="No roles declared"):
        AccessMiddleware(lambda request: None)


def test_a_capability_declared_before_the_roles_is_checked_when_the_server_starts(monkeypatch):
    monkeypatch.setattr(access, "ROLES", set())
    monkeypatch.setattr(access, "CAPABILITIES", {})
    declare_capabilities({"casework.open_case": {"caretaker"}})  # no roles yet: accepted
    monkeypatch.setattr(access, "ROLES", {"tenant", "admin"})

    with pytest.raises(ImproperlyConfigured, match="casework.open_case.*caretaker"):
        AccessMiddleware(lambda request: None)
