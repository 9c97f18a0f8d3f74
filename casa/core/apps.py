from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "casa.core"
    label = "core"
    verbose_name = "CASA"

    def ready(self):
        from . import access  # noqa: F401  the startup check of the apps' declarations

        # Each app's casa/<app>/audit_trail.py says how its records read in the audit trail
        # and adds its searches (casa/core/audit_sentences.py, audit_search.py).
        autodiscover_modules("audit_trail")
        # Each app's casa/<app>/periodic.py registers its periodic jobs (casa/core/periodic.py,
        # run by `manage.py run_periodic`).
        autodiscover_modules("periodic")
        # Each app's casa/<app>/retention.py declares how long its records keep personal data
        # (casa/core/retention.py, applied by `manage.py apply_retention` and a daily job);
        # the audit trail's own period is core's (audit_pruning.py).
        from . import audit_pruning  # noqa: F401

        autodiscover_modules("retention")
