from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casa.accounts"
    label = "accounts"

    def ready(self):
        from . import signals  # noqa: F401
