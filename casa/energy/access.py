"""Who may do what with the energy contribution, and who reads its records in a household's
history. Imported by EnergyConfig.ready(); the mechanism is casa/core/access.py, the household
scope casa/registry/access.py."""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    # Community Managers see calls and the screening of their own hubs only (the screening
    # reads through household_scope), to help the families they follow; inviting households
    # and changing calls stay with the programme and benefit staff.
    "energy.view_calls": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.APPROVER, R.AUDITOR,
                          R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.manage_calls": {R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.screen": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.invite": {R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.ADMIN},
    "energy.simulate": {R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.view_call_as_tenant": {R.TENANT},
    # Reviewing applications. Community Managers read those of their hubs' households (the
    # pages read through household_scope); deciding and confirming stay with benefit staff.
    # Care and vigilance staff see no energy data at all.
    "energy.view_applications": {R.BENEFIT_OFFICER, R.APPROVER, R.PROGRAMME_MANAGER,
                                 R.AUDITOR, R.ADMIN, R.COMMUNITY_MANAGER},
    "energy.review": {R.BENEFIT_OFFICER, R.ADMIN},
    "energy.confirm": {R.APPROVER, R.ADMIN},
    "energy.apply": {R.TENANT},
    # Applying on a tenant's behalf at the desk (Community Managers: their hubs' households).
    "energy.apply_assisted": {R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER, R.ADMIN},
    # Payment runs: started by benefit and programme staff, read by them and the auditors.
    "energy.pay": {R.BENEFIT_OFFICER, R.PROGRAMME_MANAGER, R.ADMIN},
    "energy.view_payments": {R.AUDITOR, R.PROGRAMME_MANAGER, R.BENEFIT_OFFICER, R.APPROVER,
                             R.ADMIN},
    # Decision letters: tenants their own household's, staff those of the households in
    # their scope (the view reads through household_scope).
    "energy.view_decision_letter": {R.TENANT, R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER,
                                    R.APPROVER, R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
    # Documents sent with answers to requests for information: tenants their own household's,
    # staff who read applications those of the households in their scope.
    "energy.view_attachments": {R.TENANT, R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER, R.APPROVER,
                                R.PROGRAMME_MANAGER, R.AUDITOR, R.ADMIN},
})

# Events about the contribution's records in a household's history (casa.core.access.
# readable_events): whoever may read applications, or payment runs for the runs' own records.
declare_record_types({
    "energy.call": "energy.view_calls",
    "energy.callparameter": "energy.view_calls",
    "energy.invitation": "energy.view_applications",
    "energy.application": "energy.view_applications",
    "energy.decision": "energy.view_applications",
    "energy.appeal": "energy.view_applications",
    "energy.budgetentry": "energy.view_applications",
    "energy.paymentrun": "energy.view_payments",
    "energy.paymentline": "energy.view_payments",
    "energy.attachment": "energy.view_applications",
    "energy.informationanswer": "energy.view_applications",
    # Staff reading a household's energy data at the desk (views/apply.py).
    "energy.desk": "energy.view_applications",
})
