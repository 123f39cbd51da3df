from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mitra.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
