from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    """FSE+ participants and the Annex I common output indicators (issue 11): who received
    support is recorded once per funded project, from the signal the supporting apps send."""

    name = "casa.participants"
    label = "participants"
    verbose_name = _("FSE+ participants")

    def ready(self):
        from django.db.models.signals import post_migrate

        from casa.registry.signals import support_given

        from . import access  # noqa: F401  declares who sees participants and indicators
        from .projects import assign_hubs_after_migrate
        from .services import on_support_given

        # The apps that give support send the register's signal and know nothing of us.
        support_given.connect(on_support_given, dispatch_uid="participants.support_given")
        post_migrate.connect(assign_hubs_after_migrate, sender=self,
                             dispatch_uid="participants.assign_hubs")
