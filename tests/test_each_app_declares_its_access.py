"""Each app declares its own capabilities and record types in its own access.py, and the
household scopes live with the register: core holds only the mechanism and its own capability."""

from casa.core import access
from casa.core.access import CAPABILITIES, RECORD_TYPES


def test_each_app_contributes_its_own_capabilities_and_record_types():
    assert CAPABILITIES["core.view_audit_trail"] == {"auditor", "admin"}
    assert "care_staff" in CAPABILITIES["registry.view_household"]
    assert "care_staff" not in CAPABILITIES["energy.view_applications"]
    assert RECORD_TYPES["energy.application"] == "energy.view_applications"
    assert RECORD_TYPES["registry.member"] == "registry.view_household"
    assert RECORD_TYPES["notifications.message"] == "notifications.view_household_messages"


def test_household_scopes_belong_to_the_register_not_to_core():
    from casa.registry.access import household_scope, visible_households

    assert callable(household_scope) and callable(visible_households)
    assert not hasattr(access, "household_scope")
    assert not hasattr(access, "visible_households")
