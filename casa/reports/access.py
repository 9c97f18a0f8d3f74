"""Who reports problems, who sees reports and who works on them. Imported by
ReportsConfig.ready(); the mechanism is casa/core/access.py, the household scopes
casa/registry/access.py, and the report scope is `selectors.visible_reports`.

- Tenants report problems of their flat and their building, and follow the reports about the
  common areas of their building (reports.report).
- Community Managers and care and vigilance staff report on a tenant's behalf or from their
  rounds (reports.report_for_others), within their hubs.
- Community Managers triage and work on the reports of their hubs; programme managers and
  administrators on every hub's (reports.manage). Care staff and auditors read them
  (reports.view).
- A report holds personal data (who reported it, the description, the photos): staff reading
  one is audited.
"""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "reports.report": {R.TENANT},
    "reports.report_for_others": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.ADMIN},
    "reports.view": {R.COMMUNITY_MANAGER, R.CARE_STAFF, R.PROGRAMME_MANAGER, R.AUDITOR,
                     R.ADMIN},
    "reports.manage": {R.COMMUNITY_MANAGER, R.PROGRAMME_MANAGER, R.ADMIN},
    # A report's photos: its household and the staff who read reports, each report checked
    # by selectors.sees_in_full (casa/reports/photo_views.py).
    "reports.see_photos": {R.TENANT, R.COMMUNITY_MANAGER, R.CARE_STAFF, R.PROGRAMME_MANAGER,
                           R.AUDITOR, R.ADMIN},
})

declare_record_types({
    "reports.report": "reports.view",
})
