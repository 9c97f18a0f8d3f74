from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casa.accounts"
    label = "accounts"

    def ready(self):
        from . import access, signals  # noqa: F401  the roles, declared to core's access layer
