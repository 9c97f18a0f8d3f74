"""Who does and reads the care and vigilance staff's work. Imported by CareConfig.ready(); the
mechanism is casa/core/access.py, the scope `selectors.building_scope`.

- Care and vigilance staff and Community Managers do rounds, record incidents, look in on
  fragile residents, in the buildings of their hubs (care.work).
- Programme managers and administrators read every hub's (care.view); nobody else reads any.
- A round's photos go to who may see the round (care.view, each checked by the scope).
- A fragile resident's record holds health data: every staff read is audited.
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "care.view": {R.CARE_STAFF, R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    "care.work": {R.CARE_STAFF, R.COMMUNITY_MANAGER},
})

declare_record_types({
    "care.round": "care.view",
    "care.roundcheck": "care.view",
    "care.incident": "care.view",
    "care.fragileresident": "care.view",
    "care.visit": "care.view",
    "care.flag": "care.view",
})
