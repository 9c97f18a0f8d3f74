from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Group activities at the Spazi CASA (issue 11): sessions, who attended, volunteers and
    partner organisations with their hours. Above the events, whose public page and
    registrations an activity may reuse."""

    name = "casa.activities"
    label = "activities"
    verbose_name = _("Activities at the Spazi CASA")

    def ready(self):
        from . import access  # noqa: F401  declares who runs activities and who reads them
