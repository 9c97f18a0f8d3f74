"""Who reads and works on case files. Imported by CaseworkConfig.ready(); the mechanism is
casa/core/access.py, the one scope selectors.case_scope.

Case notes are among the most sensitive data of CASA (docs/decisions.md, "Who reads case
notes"):
- Community Managers work on the case files of their hubs' households (casework.work).
- Social coordinators, who supervise them, read their hubs' case files and hand a case over
  from one Community Manager to another (casework.view, casework.hand_over); they do not write
  the plan or the log.
- Nobody else reads them: not care staff, not programme managers, not auditors, not
  administrators (they read the audit trail, which names a case by its reference only).
- A tenant reads what the case records for them (plan actions marked for them, referrals),
  never the notes (casework.view_own).
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "casework.view": {R.COMMUNITY_MANAGER, R.SOCIAL_COORDINATOR},
    "casework.work": {R.COMMUNITY_MANAGER},
    "casework.hand_over": {R.COMMUNITY_MANAGER, R.SOCIAL_COORDINATOR},
    "casework.view_own": {R.TENANT},
})

declare_record_types({
    "casework.casefile": "casework.view",
})
