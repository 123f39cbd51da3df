from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mitra.agreements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the search-index upkeep receivers)
