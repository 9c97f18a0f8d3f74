"""Who publishes notices, who reads them and their read receipts. Imported by
NoticesConfig.ready(); the mechanism is casa/core/access.py.

- Tenants read the notices that concern their home (selectors.for_household) and download
  their attachments.
- Community Managers publish to the buildings of their own Spazi CASA (a hub of theirs, one
  of its buildings, an entrance of one), see the notices that reach those buildings, and who
  read them among their households. Programme managers and administrators publish to
  everyone and anywhere. Care and vigilance staff see the notices of their hubs and the
  counts of readers (to tell a resident at the door), not who read them. Auditors read
  everything, publish nothing.
- Who read a notice is personal data: reading the list is audited (views.readers).
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "notices.read": {R.TENANT},
    "notices.view": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.PROGRAMME_MANAGER, R.AUDITOR,
                     R.ADMIN},
    "notices.publish": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    # Beyond one's own hubs: to every tenant, or to any hub, building or entrance.
    "notices.publish_everywhere": {R.PROGRAMME_MANAGER, R.ADMIN},
    "notices.view_readers": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
    # The attachment: tenants the notice concerns, staff who see the notice.
    "notices.download_attachment": {R.TENANT, R.COMMUNITY_MANAGER, R.CARE_STAFF,
                                    R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
})

declare_record_types({
    "notices.notice": "notices.view",
})
