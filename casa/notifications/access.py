"""Who reads messages to tenants: each tenant their own inbox; in a household's history, the
staff who follow the household's affairs (not care and vigilance staff, since a message can
be about any domain, the energy contribution included). Imported by NotificationsConfig.ready()."""

from casa.accounts.models import Role
from casa.core.access import declare_capabilities, declare_record_types

R = Role

declare_capabilities({
    "tenant.view_own_messages": {R.TENANT},
    "notifications.view_household_messages": {R.COMMUNITY_MANAGER, R.BENEFIT_OFFICER,
                                              R.APPROVER, R.PROGRAMME_MANAGER, R.AUDITOR,
                                              R.ADMIN},
    # The demo's mailbox, in the laptop profile only (views.demo_mailbox).
    "notifications.read_demo_mailbox": {R.ADMIN},
})

declare_record_types({
    "notifications.message": "notifications.view_household_messages",
})
