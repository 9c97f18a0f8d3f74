"""Who books and runs appointments. Imported by AppointmentsConfig.ready(); the mechanism is
casa/core/access.py, the household scope casa/registry/access.py.

Tenants book, move and cancel their own household's appointments. Community Managers run the
agenda of the hubs they work in: their own day and week, bookings for tenants who phone,
walk-ins, no-shows and outcomes; an appointment of another hub is not found for them.

Call-back requests (issue 11) follow the same two capabilities: a tenant asks for their own
household, sees and cancels its requests; the Community Managers of the hub handle them.
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types
from casa.registry.models import Hub

R = Role

declare_capabilities({
    "appointments.book": {R.TENANT},
    "appointments.run_agenda": {R.COMMUNITY_MANAGER},
})

# An appointment's events in a household's history: the Community Managers (it can be about
# arrears or a conflict with neighbours: not for care staff or benefit staff).
declare_record_types({
    "appointments.appointment": "appointments.run_agenda",
    "appointments.topiclength": "appointments.run_agenda",
    # Issue 11 (i11cb): tenants to call back.
    "appointments.callbackrequest": "appointments.run_agenda",
})


def agenda_hubs(user):
    """The hubs whose appointments `user` runs: a Community Manager's own."""
    if not getattr(user, "is_authenticated", False) or user.role != R.COMMUNITY_MANAGER:
        return Hub.objects.none()
    return user.hubs.all()
