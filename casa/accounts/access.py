"""The roles of CASA's users, declared to core's permission layer (casa/core/access.py), which
knows no role of its own; and who holds core's capability, reading the whole audit trail.
Imported by AccountsConfig.ready(), before the other apps declare their capabilities."""

from casa.core.access import READ_EVERY_EVENT, declare_capabilities, declare_roles

from .models import STAFF_ROLES, Role

declare_roles(Role.values, staff=STAFF_ROLES)

declare_capabilities({
    READ_EVERY_EVENT: {Role.AUDITOR, Role.ADMIN},
})
