"""Who organises events at the Spazi CASA and who takes part. Imported by EventsConfig.ready();
the mechanism is casa/core/access.py, the household scopes casa/registry/access.py.

- Tenants see the events and register their own household (events.take_part).
- Community Managers organise the events of their own hubs (create, change, cancel, record
  attendance) and register the households they follow; programme managers and
  administrators organise at every hub. Care and vigilance staff see their hubs' events and
  register the households they follow (a resident they look in on), but organise nothing.
  Auditors read everything.
- The list of who registered is personal data: staff reading an event's page is audited.
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "events.take_part": {R.TENANT},
    "events.view": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.PROGRAMME_MANAGER, R.AUDITOR,
                    R.ADMIN},
    "events.manage": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    "events.register_households": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.ADMIN},
})

# An event's own events (created, changed, cancelled, read) and a household's registrations
# (in the household's history).
declare_record_types({
    "events.event": "events.view",
    "events.registration": "events.view",
})
