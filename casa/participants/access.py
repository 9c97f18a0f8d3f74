"""Who sees and completes FSE+ participants, and who reads the indicators. Imported by
ParticipantsConfig.ready(); the participant scope is `selectors.participant_scope`.

- Community Managers see and complete the participants supported at their hubs; programme
  managers and administrators every participant; auditors read them (participants.view,
  participants.manage).
- Programme managers, auditors and administrators read the indicators; programme managers and
  administrators take the snapshots that are reported (participants.view_indicators,
  participants.take_snapshot).
- A participant's record holds personal and special-category data: every staff read is
  audited (AuditAction.VIEW, subject the household).
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "participants.view": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
    "participants.manage": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    "participants.view_indicators": {R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
    "participants.take_snapshot": {R.PROGRAMME_MANAGER, R.ADMIN},
})

declare_record_types({
    "participants.participant": "participants.view",
    "participants.consent": "participants.view",
    "participants.fundedproject": "participants.view_indicators",
    "participants.indicatorsnapshot": "participants.view_indicators",
})
