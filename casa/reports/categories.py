"""The categories tenants choose from, with their target times, teams and urgency: the data
migration 0002 writes them, administrators change targets and teams in the admin. Their names
are here, in code, so that each tenant reads them in their language."""

from django.utils.translation import gettext_lazy as _

from .rules import Team

# code: (name, target hours, team, urgent)
DEFAULTS = {
    "lift": (_("Lift"), 24, Team.MAINTENANCE, True),
    "heating": (_("Heating"), 24, Team.MAINTENANCE, True),
    "water_leak": (_("Water leak"), 24, Team.MAINTENANCE, True),
    "electricity": (_("Electricity and lighting"), 72, Team.MAINTENANCE, False),
    "cleaning": (_("Cleaning"), 120, Team.CLEANING, False),
    "waste": (_("Waste"), 72, Team.CLEANING, False),
    "pests": (_("Pests"), 168, Team.MAINTENANCE, False),
    "safety": (_("Safety"), 24, Team.CARE_STAFF, True),
    "damage": (_("Damage"), 168, Team.MAINTENANCE, False),
    "neighbours": (_("Neighbour issue"), 168, Team.COMMUNITY_MANAGER, False),
    "other": (_("Other"), 168, Team.COMMUNITY_MANAGER, False),
}
LABELS = {code: values[0] for code, values in DEFAULTS.items()}
