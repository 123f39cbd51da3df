from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mitra.audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.core.backup import register_check

        from .backups import AUDIT_CHAIN_CHECK

        register_check(AUDIT_CHAIN_CHECK)  # `restore` proves the chain (docs/dev/backup.md)
