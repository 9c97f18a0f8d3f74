from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "casa.core"
    label = "core"
    verbose_name = "CASA"

    def ready(self):
        from . import access  # noqa: F401  core's own capabilities and the startup check
