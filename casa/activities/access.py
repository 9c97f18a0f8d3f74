"""Who runs activities at the Spazi CASA and who reads them. Imported by
ActivitiesConfig.ready(); the mechanism is casa/core/access.py, the scope
`selectors.activity_scope`.

- Community Managers run the activities of their own hubs (sessions, attendance, volunteers'
  hours); programme managers and administrators those of every hub (activities.manage).
- Care and vigilance staff read their hubs' activities, auditors every one (activities.view).
- Tenants see nothing new: an activity's public side is its event (casa/events).
- Who attended is personal data: staff reading a session's attendance is audited.
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "activities.view": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.PROGRAMME_MANAGER, R.AUDITOR,
                        R.ADMIN},
    "activities.manage": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
})

declare_record_types({
    "activities.activity": "activities.view",
    "activities.session": "activities.view",
    "activities.attendance": "activities.view",
    "activities.contribution": "activities.view",
})
