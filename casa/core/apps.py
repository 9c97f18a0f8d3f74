from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "casa.core"
    label = "core"
    verbose_name = "CASA"
